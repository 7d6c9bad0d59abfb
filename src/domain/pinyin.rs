//! Pinyin matching (拼音): a Chinese text matches what an agent types in Latin letters, by full pinyin
//! (`zhangyitian` → 张一天), by initials (`zyt`, `tk` → 退款), or by full syllables ending in the start of the next
//! (`zhangyit`), from any character on — every reading of a polyphonic character (多音字) counts. Letters in the
//! text match themselves, case-insensitively, so `Li 娜` matches `lin`.

use pinyin::ToPinyinMulti;

/// The readings of `c` in plain letters (ü as `v`), lower case; empty for a character without pinyin.
pub fn readings(c: char) -> Vec<String> {
    let Some(multi) = c.to_pinyin_multi() else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for p in multi {
        let plain = p.plain().replace('ü', "v");
        if !out.contains(&plain) {
            out.push(plain);
        }
    }
    out
}

/// Whether `query` is Chinese characters only (spaces ignored): what the index's character words answer.
pub fn is_han_query(query: &str) -> bool {
    let mut han = 0;
    for c in query.chars() {
        if c.is_whitespace() {
            continue;
        }
        if readings(c).is_empty() {
            return false;
        }
        han += 1;
    }
    han > 0
}

/// Whether `query` can be pinyin: ASCII letters only (spaces and `'` between syllables are ignored).
pub fn is_pinyin_query(query: &str) -> bool {
    let mut letters = 0;
    for c in query.chars() {
        match c {
            'a'..='z' | 'A'..='Z' => letters += 1,
            ' ' | '\'' => {}
            _ => return false,
        }
    }
    letters > 0
}

/// One unit of the text: a Chinese character's readings, or another character as itself.
enum Unit {
    Han(Vec<String>),
    Other(char),
}

fn units(text: &str) -> Vec<Unit> {
    text.chars()
        .filter_map(|c| {
            let r = readings(c);
            if !r.is_empty() {
                Some(Unit::Han(r))
            } else if c.is_whitespace() || c == '·' || c == '•' {
                None // "Li Na" and "李 娜" match "lina"
            } else {
                Some(Unit::Other(c.to_ascii_lowercase()))
            }
        })
        .collect()
}

/// Whether `query` (Latin letters) matches `text` from one of its characters on: each Chinese character taken by a
/// whole reading or by its initial, the query allowed to end inside a reading.
pub fn matches(query: &str, text: &str) -> bool {
    let q: Vec<u8> = query
        .bytes()
        .filter(|b| b.is_ascii_alphabetic())
        .map(|b| b.to_ascii_lowercase())
        .collect();
    if q.is_empty() {
        return false;
    }
    let units = units(text);
    (0..units.len()).any(|start| match_from(&q, units.get(start..).unwrap_or_default()))
}

/// Whether `q` is consumed by the units from the first on (an iterative search over (unit, query position)).
fn match_from(q: &[u8], units: &[Unit]) -> bool {
    let mut stack = vec![(0usize, 0usize)];
    let mut seen = std::collections::HashSet::new();
    while let Some((u, pos)) = stack.pop() {
        if pos == q.len() {
            return true;
        }
        if !seen.insert((u, pos)) {
            continue;
        }
        let Some(unit) = units.get(u) else {
            continue;
        };
        let rest = q.get(pos..).unwrap_or_default();
        match unit {
            Unit::Other(c) => {
                if c.is_ascii() && rest.first() == Some(&(*c as u8)) {
                    stack.push((u + 1, pos + 1));
                }
            }
            Unit::Han(readings) => {
                for r in readings {
                    let r = r.as_bytes();
                    if rest.starts_with(r) {
                        stack.push((u + 1, pos + r.len()));
                    } else if r.starts_with(rest) {
                        return true; // the query ends inside this reading
                    }
                    if rest.first() == r.first() {
                        stack.push((u + 1, pos + 1)); // the initial alone
                    }
                    // zh, ch, sh typed as their two-letter initial.
                    if let Some(two) = r.get(..2).filter(|t| {
                        r.len() > 2
                            && matches!(**t, [b'z' | b'c' | b's', b'h'])
                            && rest.starts_with(t)
                    }) {
                        stack.push((u + 1, pos + two.len()));
                    }
                }
            }
        }
    }
    false
}

/// The words an index keeps for `text` so a prefix search finds it by pinyin or by its characters: from every
/// Chinese character on, the readings run together, the initials run together and the characters themselves
/// (`zhangyitian zyt 张一天 yitian yt 一天 tian t 天` for 张一天), so one or two typed characters — too short for a
/// trigram — are a prefix query too. Every reading of a polyphonic character is kept, up to `MAX_VARIANTS`
/// spellings per start; text without Chinese gives nothing.
pub fn index_words(text: &str) -> String {
    const MAX_VARIANTS: usize = 8;
    // Only the first characters: a name or a title's head is what people type.
    const MAX_CHARS: usize = 12;
    let han: Vec<(char, Vec<String>)> = text
        .chars()
        .map(|c| (c, readings(c)))
        .filter(|(_, r)| !r.is_empty())
        .take(MAX_CHARS)
        .collect();
    let mut words: Vec<String> = Vec::new();
    for start in 0..han.len() {
        let rest = han.get(start..).unwrap_or_default();
        let mut full = vec![String::new()];
        let mut initials = vec![String::new()];
        for (_, r) in rest {
            full = extend(&full, r, MAX_VARIANTS, |s| s);
            initials = extend(&initials, r, MAX_VARIANTS, |s| {
                s.get(..1).unwrap_or_default()
            });
        }
        let chars: String = rest.iter().map(|(c, _)| *c).collect();
        for w in full.into_iter().chain(initials).chain([chars]) {
            if !words.contains(&w) {
                words.push(w);
            }
        }
    }
    words.join(" ")
}

fn extend(
    prefixes: &[String],
    readings: &[String],
    cap: usize,
    part: impl Fn(&str) -> &str,
) -> Vec<String> {
    let mut out = Vec::new();
    for p in prefixes {
        for r in readings {
            let w = format!("{p}{}", part(r));
            if !out.contains(&w) && out.len() < cap {
                out.push(w);
            }
        }
    }
    out
}

#[cfg(test)]
#[path = "pinyin_tests.rs"]
mod tests;
