//! Knowledge-base rules: article files (TOML front matter + Markdown), statuses, curation views, the search terms
//! a ticket suggests articles by, snippets, and what an agent inserts into a reply. Pure.

use serde::{Deserialize, Serialize};

crate::str_enum! {
    /// Readers see published articles; agents also see drafts (marked); archived ones leave the lists.
    ArticleStatus { Draft = "draft", Published = "published", Archived = "archived" }
}

crate::str_enum! {
    /// The built-in article lists of the knowledge-base pane and `desk kb list --view`.
    #[derive(Default)]
    KbView {
        #[default]
        All = "all",
        Drafts = "drafts",
        MostUsed = "most_used",
        LeastHelpful = "least_helpful",
        Stale = "stale",
        Archived = "archived",
    }
}

/// How a list of articles is ordered (keyset paging runs on the same key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KbSort {
    /// Most recently updated first.
    #[default]
    Updated,
    /// Most inserted into replies first.
    Uses,
    /// Highest share of "not helpful" votes first.
    Unhelpful,
    /// Least recently updated first.
    Oldest,
}

/// What a view selects, with times resolved against `now`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KbSelect {
    pub statuses: Vec<ArticleStatus>,
    pub sort: KbSort,
    /// Only articles with at least this many votes (a ratio over two votes says nothing).
    pub min_votes: Option<i64>,
    pub updated_before: Option<i64>,
}

impl Default for KbSelect {
    fn default() -> Self {
        KbView::All.select(&KbRules::default(), 0)
    }
}

impl KbView {
    pub fn label(self) -> &'static str {
        match self {
            KbView::All => "All articles",
            KbView::Drafts => "Drafts",
            KbView::MostUsed => "Most used",
            KbView::LeastHelpful => "Least helpful",
            KbView::Stale => "Stale",
            KbView::Archived => "Archived",
        }
    }

    pub fn next(self) -> KbView {
        let i = Self::ALL.iter().position(|v| *v == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    pub fn prev(self) -> KbView {
        let i = Self::ALL.iter().position(|v| *v == self).unwrap_or(0);
        Self::ALL[(i + Self::ALL.len() - 1) % Self::ALL.len()]
    }

    pub fn select(self, rules: &KbRules, now: i64) -> KbSelect {
        use ArticleStatus::*;
        let (statuses, sort) = match self {
            KbView::All => (vec![Draft, Published], KbSort::Updated),
            KbView::Drafts => (vec![Draft], KbSort::Updated),
            KbView::MostUsed => (vec![Published], KbSort::Uses),
            KbView::LeastHelpful => (vec![Published], KbSort::Unhelpful),
            KbView::Stale => (vec![Published], KbSort::Oldest),
            KbView::Archived => (vec![Archived], KbSort::Updated),
        };
        KbSelect {
            statuses,
            sort,
            min_votes: (self == KbView::LeastHelpful).then_some(rules.min_votes),
            updated_before: (self == KbView::Stale).then(|| now - rules.stale_days * 86_400),
        }
    }
}

/// `[kb]` in the config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KbRules {
    /// A published article not updated for this many days is listed as stale.
    pub stale_days: i64,
    /// Votes an article needs before "least helpful" ranks it.
    pub min_votes: i64,
    /// Where an article lives for customers; `{id}` is replaced. The default `kb:{id}` is desk's own reference.
    pub link_template: String,
    /// How many suggestions the ticket pane offers.
    pub suggestions: usize,
}

impl Default for KbRules {
    fn default() -> Self {
        KbRules {
            stale_days: 180,
            min_votes: 5,
            link_template: "kb:{id}".into(),
            suggestions: 5,
        }
    }
}

impl KbRules {
    pub fn check(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.stale_days < 1 {
            out.push(format!(
                "kb.stale_days must be at least 1 (is {})",
                self.stale_days
            ));
        }
        if self.min_votes < 1 {
            out.push(format!(
                "kb.min_votes must be at least 1 (is {})",
                self.min_votes
            ));
        }
        if !self.link_template.contains("{id}") {
            out.push(format!(
                "kb.link_template `{}` has no `{{id}}` to put the article id in",
                self.link_template
            ));
        }
        if !(1..=9).contains(&self.suggestions) {
            out.push(format!(
                "kb.suggestions must be 1 to 9 (is {})",
                self.suggestions
            ));
        }
        out
    }

    pub fn url(&self, id: &str) -> String {
        self.link_template.replace("{id}", id)
    }
}

/// Share of "not helpful" votes in thousandths (an integer, so lists can page on it).
pub fn unhelpful_permille(up: i64, down: i64) -> i64 {
    let total = up + down;
    if total <= 0 { 0 } else { down * 1000 / total }
}

/// What a reply gets from an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Insert {
    /// `[Title](link)`.
    Link,
    /// The article quoted, then its link.
    Body,
}

impl Insert {
    pub fn as_str(self) -> &'static str {
        match self {
            Insert::Link => "link",
            Insert::Body => "body",
        }
    }
}

/// The Markdown an agent's reply starts with when an article is inserted.
pub fn reply_text(how: Insert, title: &str, body: &str, url: &str) -> String {
    let link = format!("[{}]({url})", title.replace(['[', ']'], ""));
    match how {
        Insert::Link => format!("This article should help: {link}\n"),
        Insert::Body => {
            let mut out = format!("> **{}**\n>\n", title.trim());
            for line in body.trim_end().lines() {
                if line.is_empty() {
                    out.push_str(">\n");
                } else {
                    out.push_str(&format!("> {line}\n"));
                }
            }
            out.push_str(&format!("\nFull article: {link}\n"));
            out
        }
    }
}

/// One article as a file: front matter between `+++` lines, then the Markdown body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleDoc {
    /// Present in exported files so an import updates the same article.
    pub id: Option<String>,
    pub title: String,
    /// Category name; `None` is uncategorised.
    pub category: Option<String>,
    pub tags: Vec<String>,
    pub status: ArticleStatus,
    pub body: String,
}

/// A bad article file, at a 1-based line of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for DocError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    category: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default = "draft")]
    status: String,
}

fn draft() -> String {
    "draft".into()
}

/// The 1-based file line of `key = …` in the front matter (which starts on file line 2).
fn key_line(front: &str, key: &str) -> usize {
    front
        .lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(1, |i| i + 2)
}

impl ArticleDoc {
    /// Parses an article file; errors name the line to fix.
    pub fn parse(text: &str) -> Result<ArticleDoc, DocError> {
        let err = |line, message: String| DocError { line, message };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut lines = text.split_inclusive('\n');
        if lines.next().map(str::trim_end) != Some("+++") {
            return Err(err(
                1,
                "an article starts with a `+++` line opening its TOML front matter (title, category, tags, status)"
                    .into(),
            ));
        }
        let mut front = String::new();
        let mut closed = false;
        let mut front_lines = 0;
        for line in lines.by_ref() {
            if line.trim_end() == "+++" {
                closed = true;
                break;
            }
            front.push_str(line);
            front_lines += 1;
        }
        if !closed {
            return Err(err(
                1,
                "the front matter opened here has no closing `+++` line".into(),
            ));
        }
        let body_line = front_lines + 3;
        let rest: String = lines.collect();
        let body = rest.trim_end().trim_start_matches(['\n', '\r']).to_string();
        let fm: FrontMatter = toml::from_str(&front).map_err(|e| {
            let (before, _) = super::text::split_floor(&front, e.span().map_or(0, |s| s.start));
            let line = before.matches('\n').count() + 2;
            err(line, e.message().trim().to_string())
        })?;
        let status = ArticleStatus::parse(&fm.status).ok_or_else(|| {
            err(
                key_line(&front, "status"),
                format!(
                    "status `{}` is not one of {}",
                    fm.status,
                    ArticleStatus::names()
                ),
            )
        })?;
        if fm.title.trim().is_empty() {
            return Err(err(key_line(&front, "title"), "the title is empty".into()));
        }
        // A line break would put a `+++` line of the value outside the front matter when the file is written.
        for (key, value) in [
            ("title", Some(&fm.title)),
            ("category", fm.category.as_ref()),
        ] {
            if value.is_some_and(|v| v.trim().contains(['\n', '\r'])) {
                return Err(err(
                    key_line(&front, key),
                    format!("the {key} is one line; remove the line break"),
                ));
            }
        }
        if let Some(id) = fm.id.as_deref().map(str::trim).filter(|s| !s.is_empty())
            && !is_article_id(id)
        {
            return Err(err(
                key_line(&front, "id"),
                format!(
                    "id {id:?} is not an article id (26 capital letters and digits, as `desk kb export` writes \
                     them); remove the line to import it as a new article"
                ),
            ));
        }
        if body.trim().is_empty() {
            return Err(err(
                body_line,
                "the article has no text after the front matter".into(),
            ));
        }
        let clean = |s: String| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let tags = fm
            .tags
            .iter()
            .map(|t| super::ticket::tag(t))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| err(key_line(&front, "tags"), format!("tags: {e}")))?;
        Ok(ArticleDoc {
            id: fm.id.and_then(clean),
            title: fm.title.trim().to_string(),
            category: fm.category.and_then(clean),
            tags,
            status,
            body,
        })
    }

    /// The file form; [`ArticleDoc::parse`] of it gives this document back.
    pub fn render(&self) -> String {
        let fm = FrontMatter {
            id: self.id.clone(),
            title: self.title.clone(),
            category: self.category.clone(),
            tags: self.tags.clone(),
            status: self.status.as_str().to_string(),
        };
        // Serialising four plain fields cannot fail; an empty header would still parse back as an error.
        let front = toml::to_string(&fm).unwrap_or_default();
        format!("+++\n{front}+++\n\n{}\n", self.body.trim_end())
    }
}

const STOPWORDS: &[&str] = &[
    "about",
    "after",
    "again",
    "all",
    "also",
    "and",
    "any",
    "are",
    "been",
    "before",
    "but",
    "can",
    "cannot",
    "could",
    "day",
    "days",
    "dear",
    "did",
    "didn",
    "does",
    "doesn",
    "don",
    "for",
    "from",
    "get",
    "got",
    "had",
    "has",
    "have",
    "hello",
    "help",
    "her",
    "here",
    "his",
    "how",
    "into",
    "just",
    "last",
    "let",
    "like",
    "more",
    "much",
    "need",
    "not",
    "now",
    "order",
    "our",
    "out",
    "over",
    "please",
    "really",
    "regards",
    "since",
    "some",
    "still",
    "than",
    "thank",
    "thanks",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "they",
    "this",
    "time",
    "today",
    "too",
    "two",
    "very",
    "want",
    "was",
    "week",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "will",
    "with",
    "would",
    "yesterday",
    "yet",
    "you",
    "your",
];

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// A crude English stem: the trigram index matches substrings, so "declined" finds "decline" only if the query
/// is the shorter form.
fn stem(word: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(root) = word.strip_suffix(suffix)
            && root.chars().count() >= 4
        {
            return root;
        }
    }
    word
}

/// Search terms for "articles like this ticket": English words (stemmed, without stop words and order numbers)
/// and every three-character window of Chinese/Japanese/Korean runs (the trigram index's unit), at most `max`,
/// in order of first appearance.
pub fn suggestion_terms(texts: &[&str], max: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let push = |t: String, out: &mut Vec<String>| {
        if out.len() < max && !out.contains(&t) {
            out.push(t);
        }
    };
    for text in texts {
        let mut word = String::new();
        let mut run: Vec<char> = Vec::new();
        for c in text.chars().chain(std::iter::once(' ')) {
            if is_cjk(c) {
                run.push(c);
            } else {
                for w in run.windows(3) {
                    push(w.iter().collect(), &mut out);
                }
                run.clear();
            }
            if c.is_alphanumeric() && !is_cjk(c) {
                word.extend(c.to_lowercase());
            } else if !word.is_empty() {
                let digits = word.chars().filter(char::is_ascii_digit).count();
                let root = stem(&word);
                if word.chars().count() >= 3 && digits < 3 && !STOPWORDS.contains(&root) {
                    push(root.to_string(), &mut out);
                }
                word.clear();
            }
        }
    }
    out
}

/// Marks FTS5 `snippet()` puts around a match (private-use characters: they survive sanitising and never occur in
/// real text).
pub const HIT_START: char = '\u{E000}';
pub const HIT_END: char = '\u{E001}';

/// A snippet of Markdown source as one line of readable text: line breaks become spaces and Markdown punctuation
/// (`#`, `*`, `` ` ``, `|`, `>`) goes.
pub fn tidy_snippet(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // `[text](url)` reads as `text`: the URL is skipped (up to its `)` or the snippet's end).
            ']' if chars.peek() == Some(&'(') => {
                for u in chars.by_ref() {
                    if u == ')' {
                        break;
                    }
                }
            }
            '#' | '*' | '`' | '|' | '>' | '[' | ']' => {}
            c if c.is_whitespace() => {
                if !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out.trim_end().to_string()
}

/// A snippet split into (text, is a hit) parts.
pub fn snippet_parts(s: &str) -> Vec<(String, bool)> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut hit = false;
    for c in s.chars() {
        if c == HIT_START || c == HIT_END {
            if !cur.is_empty() {
                parts.push((std::mem::take(&mut cur), hit));
            }
            hit = c == HIT_START;
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        parts.push((cur, hit));
    }
    parts
}

/// A window of `text` around the first case-insensitive occurrence of `needle`, marked like an FTS snippet: the
/// fallback for queries too short for the trigram index.
pub fn snippet_around(text: &str, needle: &str, context_chars: usize) -> String {
    let flat = tidy_snippet(text);
    let Some((before, hit, after)) = super::text::split_caseless(&flat, needle) else {
        return flat.chars().take(context_chars * 2).collect();
    };
    let skipped = before.chars().count().saturating_sub(context_chars);
    let mut out = String::new();
    if skipped > 0 {
        out.push('…');
    }
    out.extend(before.chars().skip(skipped));
    out.push(HIT_START);
    out.push_str(hit);
    out.push(HIT_END);
    out.extend(after.chars().take(context_chars));
    if after.chars().nth(context_chars).is_some() {
        out.push('…');
    }
    out
}

/// An id as desk makes them: a ULID in its canonical spelling (so it can match a stored article exactly).
pub fn is_article_id(id: &str) -> bool {
    ulid::Ulid::from_string(id).is_ok_and(|u| u.to_string() == id)
}

#[cfg(test)]
#[path = "kb_tests.rs"]
mod tests;
