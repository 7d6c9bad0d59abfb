//! Markdown laid out as terminal lines (pulldown-cmark): headings, emphasis, lists, quotes, code, links, tables,
//! wrapped by display width so Chinese text and narrow terminals come out right. Each piece carries its kind; the
//! ui styles it. Here in `app` because update needs the line count for scrolling and render needs the lines.

use crate::domain::text::{fit, sanitize, split_words, truncate, width};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// What a piece of text is; the theme decides how it looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Plain,
    Strong,
    Emph,
    StrongEmph,
    Code,
    Link,
    Url,
    Heading,
    Marker,
    Quote,
    CodeBlock,
    Rule,
    TableHead,
}

pub type MdLine = Vec<(String, Kind)>;

struct Builder {
    width: usize,
    out: Vec<MdLine>,
    inline: Vec<(String, Kind)>,
    strong: usize,
    emph: usize,
    link: Option<String>,
    heading: Option<u8>,
    quote: usize,
    /// Each open list: the next number for ordered lists.
    lists: Vec<Option<u64>>,
    /// The marker for the first line of the current item, until it is used.
    item_marker: Option<String>,
    code: Option<String>,
    table: Option<Vec<Vec<String>>>,
    cell: String,
}

impl Builder {
    fn kind(&self) -> Kind {
        if self.heading.is_some() {
            Kind::Heading
        } else if self.link.is_some() {
            Kind::Link
        } else if self.quote > 0 && self.strong == 0 && self.emph == 0 {
            Kind::Quote
        } else {
            match (self.strong > 0, self.emph > 0) {
                (true, true) => Kind::StrongEmph,
                (true, false) => Kind::Strong,
                (false, true) => Kind::Emph,
                (false, false) => Kind::Plain,
            }
        }
    }

    fn indent(&self) -> String {
        "  ".repeat(self.lists.len().saturating_sub(1))
    }

    fn prefixes(&mut self) -> (MdLine, MdLine) {
        let quote: MdLine = (0..self.quote)
            .map(|_| ("│ ".to_string(), Kind::Quote))
            .collect();
        let mut first = quote.clone();
        let mut rest = quote;
        if !self.lists.is_empty() {
            let indent = self.indent();
            let marker = self.item_marker.take().unwrap_or_default();
            first.push((format!("{indent}{marker}"), Kind::Marker));
            rest.push((
                format!("{indent}{}", " ".repeat(width(&marker).max(2))),
                Kind::Plain,
            ));
        }
        (first, rest)
    }

    fn blank(&mut self) {
        if self.out.last().is_some_and(|l| !l.is_empty()) {
            self.out.push(Vec::new());
        }
    }

    /// Wraps the gathered inline text into lines under the current prefixes.
    fn flush(&mut self) {
        if self.inline.iter().all(|(t, _)| t.trim().is_empty()) {
            self.inline.clear();
            return;
        }
        let (first, rest) = self.prefixes();
        let spans = std::mem::take(&mut self.inline);
        let mut line = first;
        let mut used: usize = line.iter().map(|(t, _)| width(t)).sum();
        let rest_w: usize = rest.iter().map(|(t, _)| width(t)).sum();
        let max = self.width.max(rest_w + 4);
        for (text, kind) in spans {
            for word in split_words(&text) {
                let w = width(word);
                if used + w > max && used > rest_w {
                    self.out.push(std::mem::replace(&mut line, rest.clone()));
                    used = rest_w;
                    if word == " " {
                        continue;
                    }
                }
                let piece = if w > max - rest_w {
                    truncate(word, max - rest_w)
                } else {
                    word.to_string()
                };
                used += width(&piece);
                match line.last_mut() {
                    Some((t, k)) if *k == kind => t.push_str(&piece),
                    _ => line.push((piece, kind)),
                }
            }
        }
        self.out.push(line);
    }

    fn text(&mut self, t: &str) {
        if let Some(code) = &mut self.code {
            code.push_str(t);
            return;
        }
        let t = decoded(t);
        if self.table.is_some() {
            self.cell.push_str(&t);
        } else {
            let kind = self.kind();
            self.inline.push((t, kind));
        }
    }

    fn end_code(&mut self) {
        let Some(code) = self.code.take() else { return };
        let (prefix, _) = self.prefixes();
        // Two columns to spare, or as many as the quote and list prefix takes when that is wider.
        let used: usize = prefix.iter().map(|(t, _)| width(t)).sum();
        let room = self.width.saturating_sub(used.max(2));
        for l in code.trim_end_matches('\n').split('\n') {
            let mut line = prefix.clone();
            line.push((truncate(&format!("  {l}"), room), Kind::CodeBlock));
            self.out.push(line);
        }
        self.blank();
    }

    fn end_table(&mut self) {
        let Some(rows) = self.table.take() else {
            return;
        };
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        if cols == 0 {
            return;
        }
        let mut widths: Vec<usize> = (0..cols)
            .map(|c| {
                rows.iter()
                    .filter_map(|r| r.get(c))
                    .map(|s| width(s))
                    .max()
                    .unwrap_or(0)
                    .max(1)
            })
            .collect();
        let budget = self.width.saturating_sub(3 * (cols - 1));
        // Shrink the widest column until the table fits.
        while widths.iter().sum::<usize>() > budget {
            let Some((i, w)) = widths
                .iter()
                .enumerate()
                .max_by_key(|(_, w)| **w)
                .map(|(i, w)| (i, *w))
            else {
                break;
            };
            if w <= 3 {
                break;
            }
            widths[i] = w - 1;
        }
        for (r, cells) in rows.iter().enumerate() {
            let mut line: MdLine = Vec::new();
            for (c, w) in widths.iter().enumerate() {
                if c > 0 {
                    line.push((" │ ".into(), Kind::Rule));
                }
                let kind = if r == 0 { Kind::TableHead } else { Kind::Plain };
                line.push((fit(cells.get(c).map_or("", String::as_str), *w), kind));
            }
            self.out.push(line);
            if r == 0 {
                let rule = widths
                    .iter()
                    .map(|w| "─".repeat(*w))
                    .collect::<Vec<_>>()
                    .join("─┼─");
                self.out.push(vec![(rule, Kind::Rule)]);
            }
        }
        self.blank();
    }

    fn event(&mut self, ev: Event<'_>) {
        match ev {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => {
                    self.heading = Some(match level {
                        HeadingLevel::H1 => 1,
                        HeadingLevel::H2 => 2,
                        _ => 3,
                    });
                    let marks = "#".repeat(self.heading.unwrap_or(1) as usize);
                    self.inline.push((format!("{marks} "), Kind::Marker));
                }
                Tag::Strong => self.strong += 1,
                Tag::Emphasis => self.emph += 1,
                Tag::Link { dest_url, .. } => self.link = Some(decoded(&dest_url)),
                Tag::BlockQuote(_) => {
                    self.flush();
                    self.quote += 1;
                }
                Tag::List(start) => {
                    self.flush();
                    self.lists.push(start);
                }
                Tag::Item => {
                    self.flush();
                    let marker = match self.lists.last_mut() {
                        Some(Some(n)) => {
                            *n += 1;
                            format!("{}. ", *n - 1)
                        }
                        _ => "• ".to_string(),
                    };
                    self.item_marker = Some(marker);
                }
                Tag::CodeBlock(_) => {
                    self.flush();
                    self.code = Some(String::new());
                }
                Tag::Table(_) => {
                    self.flush();
                    self.table = Some(Vec::new());
                }
                Tag::TableHead | Tag::TableRow => {
                    if let Some(t) = &mut self.table {
                        t.push(Vec::new());
                    }
                }
                Tag::TableCell => self.cell.clear(),
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_) => {
                    self.flush();
                    self.heading = None;
                    self.blank();
                }
                TagEnd::Paragraph => {
                    self.flush();
                    if self.lists.is_empty() {
                        self.blank();
                    }
                }
                TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
                TagEnd::Emphasis => self.emph = self.emph.saturating_sub(1),
                TagEnd::Link => {
                    if let Some(url) = self.link.take() {
                        self.inline.push((format!(" ({url})"), Kind::Url));
                    }
                }
                TagEnd::BlockQuote(_) => {
                    self.flush();
                    self.quote = self.quote.saturating_sub(1);
                    self.blank();
                }
                TagEnd::Item => self.flush(),
                TagEnd::List(_) => {
                    self.flush();
                    self.lists.pop();
                    if self.lists.is_empty() {
                        self.blank();
                    }
                }
                TagEnd::CodeBlock => self.end_code(),
                TagEnd::TableCell => {
                    let cell = std::mem::take(&mut self.cell);
                    if let Some(row) = self.table.as_mut().and_then(|t| t.last_mut()) {
                        row.push(cell.trim().to_string());
                    }
                }
                TagEnd::Table => self.end_table(),
                _ => {}
            },
            Event::Text(t) => self.text(&t),
            Event::Code(t) => {
                if self.table.is_some() {
                    self.cell.push_str(&t);
                } else {
                    self.inline.push((t.to_string(), Kind::Code));
                }
            }
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.flush(),
            Event::Rule => {
                self.flush();
                self.out
                    .push(vec![("─".repeat(self.width.min(40)), Kind::Rule)]);
                self.blank();
            }
            // Raw HTML is shown as written, but a laid-out line never holds a newline: a block's lines stay lines,
            // a tag broken over lines reads as one.
            Event::Html(t) => {
                for (i, l) in t.split('\n').enumerate() {
                    if i > 0 {
                        self.flush();
                    }
                    self.text(l);
                }
            }
            Event::InlineHtml(t) => self.text(&t.replace('\n', " ")),
            _ => {}
        }
    }
}

/// Parsed text made terminal-safe again: the body was sanitized, but character references (`&#27;`, `&#10;`) decode
/// to control characters; a decoded line break is a space. (Code is never decoded, so it is left alone.)
fn decoded(t: &str) -> String {
    sanitize(t).replace('\n', " ")
}

/// Lays out Markdown at `width` columns.
pub fn lines(md: &str, width: usize) -> Vec<MdLine> {
    let mut b = Builder {
        width: width.max(8),
        out: Vec::new(),
        inline: Vec::new(),
        strong: 0,
        emph: 0,
        link: None,
        heading: None,
        quote: 0,
        lists: Vec::new(),
        item_marker: None,
        code: None,
        table: None,
        cell: String::new(),
    };
    for ev in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        b.event(ev);
    }
    b.flush();
    while b.out.last().is_some_and(|l| l.is_empty()) {
        b.out.pop();
    }
    b.out
}

pub fn line_count(md: &str, width: usize) -> usize {
    lines(md, width).len()
}

/// Plain text of laid-out lines, for tests.
pub fn plain(md: &str, width: usize) -> String {
    lines(md, width)
        .iter()
        .map(|l| l.iter().map(|(t, _)| t.as_str()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_emphasis_and_code_keep_their_kinds() {
        let l = lines(
            "## 支付失败\n\nTry **again** or *wait*, then run `retry`.",
            80,
        );
        assert_eq!(
            l[0],
            vec![
                ("## ".to_string(), Kind::Marker),
                ("支付失败".to_string(), Kind::Heading)
            ]
        );
        assert!(l[1].is_empty());
        let kinds: Vec<Kind> = l[2].iter().map(|(_, k)| *k).collect();
        assert_eq!(
            kinds,
            vec![
                Kind::Plain,
                Kind::Strong,
                Kind::Plain,
                Kind::Emph,
                Kind::Plain,
                Kind::Code,
                Kind::Plain
            ]
        );
    }

    #[test]
    fn lists_nest_and_number() {
        let text = plain("1. one\n2. two\n   - a\n   - b\n3. three", 40);
        assert_eq!(text, "1. one\n2. two\n  • a\n  • b\n3. three");
    }

    #[test]
    fn quotes_code_links_and_rules() {
        let text = plain(
            "> quoted 引用\n\n```\nlet x = 1;\n```\n\nSee [help](https://h.example/x).\n\n---\n\nend",
            40,
        );
        assert_eq!(
            text,
            "│ quoted 引用\n\n  let x = 1;\n\nSee help (https://h.example/x).\n\n────────────────────────────────────────\n\nend"
        );
    }

    #[test]
    fn tables_align_by_display_width_and_shrink_to_fit() {
        let md = "| Code | Meaning |\n|---|---|\n| 05 | 余额不足 |\n| 51 | Insufficient funds |";
        let laid_out = plain(md, 80);
        let text: Vec<&str> = laid_out.lines().map(str::trim_end).collect();
        assert_eq!(
            text.join("\n"),
            "Code │ Meaning\n─────┼───────────────────\n05   │ 余额不足\n51   │ Insufficient funds"
        );
        for line in lines(md, 16) {
            let w: usize = line.iter().map(|(t, _)| width(t)).sum();
            assert!(w <= 16, "{line:?}");
        }
    }

    /// Found by fuzzing (fuzz/fuzz_targets/markdown.rs; the first input is the minimised one): a code block under a
    /// nested list or quote was cut to the width less two, then indented past it by the prefix.
    #[test]
    fn code_blocks_under_nested_lists_and_quotes_fit() {
        let cases = [
            ("- - \t au", 8),
            (
                "- a\n  - b\n    - c\n\n      ```\n      a long line of code to cut\n      ```",
                20,
            ),
            (
                "> > ```\n> > a long line of code to cut at twenty\n> > ```",
                20,
            ),
        ];
        for (md, w) in cases {
            for line in lines(md, w) {
                let lw: usize = line.iter().map(|(t, _)| width(t)).sum();
                assert!(lw <= w, "{lw} > {w}: {line:?}");
            }
        }
    }

    /// Found by fuzzing (fuzz/fuzz_targets/markdown.rs, minimised: the first input): raw HTML kept its newlines
    /// inside a laid-out line, which then measured and drew wrong.
    #[test]
    fn raw_html_lines_hold_no_newline() {
        for md in [
            "%<!P.\n<<%>",
            "<div>\nhello\n</div>\n\nAfter 之后",
            "a <span\nclass=\"x\">b</span> c",
        ] {
            for line in lines(md, 8) {
                let w: usize = line.iter().map(|(t, _)| width(t)).sum();
                assert!(w <= 8, "{w} > 8: {line:?}");
                assert!(line.iter().all(|(t, _)| !t.contains('\n')), "{line:?}");
            }
        }
        assert_eq!(
            plain("<div>\nhello\n</div>\n\nAfter 之后", 40),
            "<div>\nhello\n</div>\nAfter 之后"
        );
    }

    /// Found by fuzzing (fuzz/fuzz_targets/markdown.rs, minimised: the table): a character reference decoded to a
    /// control character, which threw off the table's widths — and `&#27;` put a raw escape into `desk kb show`.
    #[test]
    fn character_references_do_not_bring_control_characters_back() {
        for line in lines("R|T30c~o\n-|-\n,&#5;30#>c#\\o\\o", 20) {
            let w: usize = line.iter().map(|(t, _)| width(t)).sum();
            assert!(w <= 20, "{w} > 20: {line:?}");
        }
        let text = plain(
            "Hi &#27;[2J&#27;]0;title&#7; there,&#10;and [a link](x&#27;[31m) `&#27;`\n\n| a&#9;b |\n|---|\n| &#155;1m |",
            80,
        );
        assert!(
            !text.contains(|c: char| c.is_control() && c != '\n'),
            "{text:?}"
        );
        // Each reference is its own piece of text: what followed an escape stays as plain characters.
        assert!(
            text.starts_with("Hi [2J]0;title there, and a link (x) &#27;"),
            "{text:?}"
        );
    }

    #[test]
    fn paragraphs_wrap_at_the_width_including_chinese() {
        let md = "您好，您的订单已经发货，预计三天内送达，请注意查收短信通知。 Thanks for waiting while we check.";
        for width_cols in [20, 80, 120] {
            for line in lines(md, width_cols) {
                let w: usize = line.iter().map(|(t, _)| width(t)).sum();
                assert!(w <= width_cols, "{w} > {width_cols}: {line:?}");
            }
        }
        assert_eq!(lines(md, 20).len(), 5);
    }
}
