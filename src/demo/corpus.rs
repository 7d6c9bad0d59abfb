//! The embedded demo content (assets/demo): names, products, ticket topics, KB categories and articles. It is
//! parsed and checked once per run; a unit test parses it all so a broken file cannot ship, and at runtime a
//! problem is an error naming the file, never a panic.

use super::kb::{KbDoc, parse_article};
use crate::domain::ticket::Kind;
use anyhow::{Context, Result, ensure};
use include_dir::{Dir, include_dir};
use serde::Deserialize;

const CORPUS: &str = include_str!("../../assets/demo/corpus.toml");
const CATEGORIES: &str = include_str!("../../assets/demo/categories.toml");
static KB: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/assets/demo/kb");

#[derive(Debug, Deserialize)]
pub(super) struct Corpus {
    pub zh_surnames: Vec<String>,
    pub zh_given: Vec<String>,
    pub en_first: Vec<String>,
    pub en_last: Vec<String>,
    pub cities: Vec<String>,
    pub email_domains: Vec<String>,
    pub organizations: Vec<String>,
    pub groups: Vec<String>,
    pub agents: Vec<AgentSpec>,
    pub products: Vec<ProductSpec>,
    pub topics: Vec<Topic>,
}

#[derive(Debug, Deserialize)]
pub(super) struct AgentSpec {
    pub handle: String,
    pub name: String,
    pub email: String,
}

#[derive(Debug, Deserialize)]
pub(super) struct ProductSpec {
    pub name: String,
    pub warranty_months: u32,
    pub price_cents: i64,
    pub serial_prefix: String,
}

#[derive(Debug, Deserialize)]
pub(super) struct Topic {
    pub key: String,
    pub kind: Kind,
    pub category: String,
    subjects_en: Vec<String>,
    subjects_zh: Vec<String>,
    customer_en: Vec<String>,
    customer_zh: Vec<String>,
    agent_en: Vec<String>,
    agent_zh: Vec<String>,
    note_en: Vec<String>,
    note_zh: Vec<String>,
    followup_en: Vec<String>,
    followup_zh: Vec<String>,
}

/// Which kind of line of a topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    Subject,
    Customer,
    Agent,
    Note,
    Followup,
}

impl Topic {
    /// The lines of one part in one language (`zh` = Chinese); validated non-empty.
    pub(super) fn lines(&self, part: Part, zh: bool) -> &[String] {
        match (part, zh) {
            (Part::Subject, false) => &self.subjects_en,
            (Part::Subject, true) => &self.subjects_zh,
            (Part::Customer, false) => &self.customer_en,
            (Part::Customer, true) => &self.customer_zh,
            (Part::Agent, false) => &self.agent_en,
            (Part::Agent, true) => &self.agent_zh,
            (Part::Note, false) => &self.note_en,
            (Part::Note, true) => &self.note_zh,
            (Part::Followup, false) => &self.followup_en,
            (Part::Followup, true) => &self.followup_zh,
        }
    }

    fn all_lines(&self) -> impl Iterator<Item = (&'static str, &Vec<String>)> {
        [
            ("subjects_en", &self.subjects_en),
            ("subjects_zh", &self.subjects_zh),
            ("customer_en", &self.customer_en),
            ("customer_zh", &self.customer_zh),
            ("agent_en", &self.agent_en),
            ("agent_zh", &self.agent_zh),
            ("note_en", &self.note_en),
            ("note_zh", &self.note_zh),
            ("followup_en", &self.followup_en),
            ("followup_zh", &self.followup_zh),
        ]
        .into_iter()
    }
}

#[derive(Debug, Deserialize)]
struct CategoryFile {
    categories: Vec<CategorySpec>,
}

#[derive(Debug, Deserialize)]
pub(super) struct CategorySpec {
    pub key: String,
    pub name: String,
}

/// Everything the generator draws from, checked.
#[derive(Debug)]
pub(super) struct Content {
    pub corpus: Corpus,
    pub categories: Vec<CategorySpec>,
    /// Sorted by file name.
    pub kb: Vec<KbDoc>,
    /// Topic indexes per [`Kind::ALL`] position; every kind has at least one.
    pub topics_by_kind: Vec<Vec<usize>>,
    /// Per topic, a published article of its category that agents can point customers to.
    /// Indexed `[topic][zh as usize]`: the article in the reply's language when there is one.
    pub topic_article: Vec<[Option<usize>; 2]>,
}

pub(super) fn load() -> Result<Content> {
    let corpus: Corpus =
        toml::from_str(CORPUS).context("demo content assets/demo/corpus.toml is malformed")?;
    let categories = toml::from_str::<CategoryFile>(CATEGORIES)
        .context("demo content assets/demo/categories.toml is malformed")?
        .categories;
    let mut files: Vec<_> = KB
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort_by(|a, b| a.path().cmp(b.path()));
    let mut kb = Vec::with_capacity(files.len());
    for f in files {
        let file = f.path().display().to_string();
        let text = f
            .contents_utf8()
            .with_context(|| format!("demo article assets/demo/kb/{file} is not UTF-8"))?;
        let doc = parse_article(text, &categories)
            .with_context(|| format!("demo article assets/demo/kb/{file} is malformed"))?;
        kb.push(doc);
    }
    validate(&corpus, &categories, &kb).context("demo content in assets/demo is inconsistent")?;
    let topics_by_kind = Kind::ALL
        .iter()
        .map(|k| {
            (0..corpus.topics.len())
                .filter(|&i| corpus.topics[i].kind == *k)
                .collect()
        })
        .collect();
    let topic_article = corpus
        .topics
        .iter()
        .map(|t| {
            let fits =
                |d: &KbDoc| d.status == "published" && categories[d.category].key == t.category;
            let in_script = |zh: bool| {
                kb.iter()
                    .position(|d| fits(d) && is_chinese(&d.title) == zh)
                    .or_else(|| kb.iter().position(fits))
            };
            [in_script(false), in_script(true)]
        })
        .collect();
    Ok(Content {
        corpus,
        categories,
        kb,
        topics_by_kind,
        topic_article,
    })
}

/// Text with any CJK ideograph reads as Chinese.
fn is_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn validate(c: &Corpus, categories: &[CategorySpec], kb: &[KbDoc]) -> Result<()> {
    let lists = [
        ("zh_surnames", &c.zh_surnames),
        ("zh_given", &c.zh_given),
        ("en_first", &c.en_first),
        ("en_last", &c.en_last),
        ("cities", &c.cities),
        ("email_domains", &c.email_domains),
        ("organizations", &c.organizations),
        ("groups", &c.groups),
    ];
    for (name, list) in lists {
        ensure!(!list.is_empty(), "corpus.toml: `{name}` is empty");
    }
    ensure!(c.agents.len() >= 2, "corpus.toml: need at least two agents");
    ensure!(
        c.agents[0].handle == "li",
        "corpus.toml: the first agent must be `li`, the demo user"
    );
    for (i, a) in c.agents.iter().enumerate() {
        ensure!(
            !c.agents.iter().take(i).any(|b| b.handle == a.handle),
            "corpus.toml: agent handle `{}` appears twice",
            a.handle
        );
    }
    let mut seen_groups = std::collections::BTreeSet::new();
    for g in &c.groups {
        ensure!(
            seen_groups.insert(g),
            "corpus.toml: group `{g}` appears twice"
        );
    }
    // Product indexes are kept as u16 for every customer's products.
    ensure!(
        !c.products.is_empty() && c.products.len() <= u16::MAX as usize,
        "corpus.toml: need 1 to 65535 [[products]]"
    );
    for p in &c.products {
        ensure!(
            (1..=120).contains(&p.warranty_months) && p.price_cents > 0,
            "corpus.toml: product `{}` needs warranty_months in 1..=120 and a positive price",
            p.name
        );
    }
    for k in Kind::ALL {
        ensure!(
            c.topics.iter().any(|t| t.kind == *k),
            "corpus.toml: no topic of kind `{k}`"
        );
    }
    for t in &c.topics {
        for (field, lines) in t.all_lines() {
            ensure!(
                !lines.is_empty(),
                "corpus.toml: topic `{}` has no {field}",
                t.key
            );
            for line in lines {
                super::template::check(line)
                    .with_context(|| format!("corpus.toml: topic `{}` {field}: {line:?}", t.key))?;
            }
        }
    }
    ensure!(!categories.is_empty(), "categories.toml: no [[categories]]");
    for (i, cat) in categories.iter().enumerate() {
        ensure!(
            !categories.iter().take(i).any(|o| o.key == cat.key),
            "categories.toml: key `{}` appears twice",
            cat.key
        );
    }
    ensure!(!kb.is_empty(), "assets/demo/kb holds no .md article");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_content_parses_and_is_consistent() {
        let c = load().unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(c.corpus.agents[0].handle, "li");
        assert!(c.topics_by_kind.iter().all(|t| !t.is_empty()));
        assert!(!c.kb.is_empty());
        // Topics point at KB categories so a ticket's topic can be matched to its articles.
        for t in &c.corpus.topics {
            assert!(
                c.categories.iter().any(|k| k.key == t.category),
                "topic {} names unknown category {}",
                t.key,
                t.category
            );
        }
    }
}
