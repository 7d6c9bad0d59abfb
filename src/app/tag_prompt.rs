//! The tag prompt (`t` on a ticket or on marked tickets): `+vip -refund` into tag edits, by the one tag rule.

use crate::store::ticket_write::TicketEdit;

/// `+vip -refund vip2` → add vip and vip2, remove refund. Each word is a tag by [`crate::domain::ticket::tag`]'s
/// rule; one that is not refuses the whole line, so nothing half-applies. A lone `+` or `-` is nothing.
pub(super) fn parse_tags(text: &str) -> Result<Vec<TicketEdit>, crate::domain::ticket::TagError> {
    let mut out = Vec::new();
    for word in text
        .split(crate::domain::ticket::is_tag_separator)
        .filter(|t| !t.is_empty())
    {
        let (remove, word) = match word.strip_prefix('-') {
            Some(w) => (true, w),
            None => (false, word.trim_start_matches('+')),
        };
        if word.is_empty() {
            continue;
        }
        let tag = crate::domain::ticket::tag(word)?;
        out.push(if remove {
            TicketEdit::RemoveTag(tag)
        } else {
            TicketEdit::AddTag(tag)
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_prompts_parse_adds_and_removes() {
        assert_eq!(
            parse_tags("+VIP -refund, repeat  -"),
            Ok(vec![
                TicketEdit::AddTag("vip".into()),
                TicketEdit::RemoveTag("refund".into()),
                TicketEdit::AddTag("repeat".into())
            ])
        );
        assert_eq!(parse_tags(" + "), Ok(Vec::new()));
        assert_eq!(
            parse_tags("+vi\u{200b}p"),
            Ok(vec![TicketEdit::AddTag("vip".into())])
        );
    }

    #[test]
    fn a_tag_prompt_with_a_control_character_is_refused_whole() {
        let e = parse_tags("+vip +bad\x1b[2J").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("`bad` is not one tag: a tag is one word"),
            "{e}"
        );
        assert_eq!(
            parse_tags("+\u{200b}"),
            Err(crate::domain::ticket::TagError::Empty)
        );
    }

    proptest::proptest! {
        /// Whatever is typed at the tag prompt, each edit is one typed word: non-empty, lowercase, no separator.
        #[test]
        fn tag_prompts_yield_single_lowercase_words(text in "\\PC{0,30}|[-+ ,|\u{3000}\tvipVIPİ退款]{0,20}") {
            let words: Vec<String> = text
                .split(crate::domain::ticket::is_tag_separator)
                .map(str::to_lowercase)
                .collect();
            let edits = parse_tags(&text);
            // Refused only when some typed word is not a tag.
            proptest::prop_assert_eq!(
                edits.is_err(),
                words.iter().any(|w| {
                    let w = w.strip_prefix('-').unwrap_or_else(|| w.trim_start_matches('+'));
                    !w.is_empty() && crate::domain::ticket::tag(w).is_err()
                }),
                "{:?}", text
            );
            for e in edits.unwrap_or_default() {
                let (t, typed) = match &e {
                    TicketEdit::AddTag(t) => (t, words.iter().any(|w| w.trim_start_matches('+') == t)),
                    TicketEdit::RemoveTag(t) => (t, words.contains(&format!("-{t}"))),
                    other => panic!("{other:?}"),
                };
                proptest::prop_assert!(typed, "{:?} from {:?}", e, text);
                proptest::prop_assert!(!t.is_empty() && *t == t.to_lowercase(), "{:?}", e);
                proptest::prop_assert!(!t.contains(crate::domain::ticket::is_tag_separator), "{:?}", e);
            }
        }
    }
}
