//! `desk kb …`: lists by view, search, suggestions for a ticket, status, votes, history, a folder of Markdown
//! files in and out, and the starter articles (`kb_starter`).

use super::locale::say;
use super::output::Out;
use super::output::{ListArgs, ListFormat, Sink, short_date};
use super::ticket::for_each_page;
use crate::domain::UnknownValue;
use crate::domain::kb::{ArticleStatus, HIT_END, HIT_START, KbRules, KbView};
use crate::store::Store;
use crate::store::kb::{ArticleFilter, ArticleRow};
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum KbCmd {
    /// List articles: a view (all, drafts, most-used, least-helpful, stale, archived), newest first by default
    List {
        #[arg(long, default_value = "all", value_parser = parse_view)]
        view: KbView,
        /// Only articles whose title or text contains this
        #[arg(long)]
        search: Option<String>,
        #[command(flatten)]
        list: ListArgs,
    },
    /// Show one article by id or exact title
    Show {
        id_or_title: String,
        #[arg(long, value_enum, default_value = "markdown")]
        format: ArticleFormat,
    },
    /// Search titles and text, best match first, with a snippet (any language; 3+ characters use the index)
    Search {
        query: String,
        /// Include drafts and archived articles
        #[arg(long)]
        all: bool,
        #[arg(long, default_value_t = 20, allow_negative_numbers = true, value_parser = super::output::row_count)]
        limit: usize,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Published articles that match a ticket's subject and last customer message
    Suggest {
        ticket: i64,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Publish, archive or return an article to draft
    Status {
        id: String,
        #[arg(value_parser = parse_status)]
        status: ArticleStatus,
    },
    /// Mark an article helpful (up) or not helpful (down), as you
    Vote {
        id: String,
        #[arg(value_parser = ["up", "down"])]
        vote: String,
    },
    /// Every change to an article, oldest first
    History { id: String },
    /// Write every article as Markdown with front matter into DIR (and categories.toml)
    Export { dir: PathBuf },
    /// Read a folder of Markdown articles with front matter; all or nothing unless --skip-bad
    Import {
        dir: PathBuf,
        #[arg(long)]
        skip_bad: bool,
    },
    /// Add desk's six starter articles (returns, warranty, delivery, damage, passwords, invoices) as drafts; an
    /// article with the same title already there is skipped
    Starter {
        /// Their language: en, zh-CN or zh-TW (default: the interface's)
        #[arg(long)]
        locale: Option<String>,
    },
}

fn parse_view(s: &str) -> Result<KbView, UnknownValue> {
    s.parse()
}

fn parse_status(s: &str) -> Result<ArticleStatus, UnknownValue> {
    s.parse()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ArticleFormat {
    /// The file form: front matter and Markdown (what `kb import` reads)
    Markdown,
    /// Laid out for a terminal of 80 columns
    Text,
    Json,
}

const HEADER: &[&str] = &[
    "id", "title", "category", "status", "views", "uses", "up", "down", "updated",
];

fn cells(a: &ArticleRow) -> Vec<String> {
    vec![
        a.id.clone(),
        a.title.to_string(),
        a.category
            .as_ref()
            .map(|c| c.to_string())
            .unwrap_or_default(),
        a.status.to_string(),
        a.views.to_string(),
        a.uses.to_string(),
        a.helpful_up.to_string(),
        a.helpful_down.to_string(),
        short_date(a.updated_at),
    ]
}

/// A snippet for a terminal or a file: hits in `**bold**`, the Markdown way.
fn marked(snippet: &str) -> String {
    snippet.replace([HIT_START, HIT_END], "**")
}

fn article_id(store: &Store, key: &str) -> anyhow::Result<String> {
    Ok(store
        .article(key)?
        .ok_or_else(|| super::error_words::no_article(key))?
        .row
        .id)
}

pub fn run(
    store: &mut Store,
    cmd: KbCmd,
    rules: &KbRules,
    now: i64,
    out: &mut Out<'_>,
) -> anyhow::Result<()> {
    match cmd {
        KbCmd::List { view, search, list } => {
            let ListArgs { limit, format } = list;
            let filter = ArticleFilter {
                category_id: None,
                text: search,
                select: view.select(rules, now),
            };
            let mut sink = Sink::new(out, format, HEADER);
            for_each_page(
                limit,
                |req, n| store.article_page(&filter, req, n),
                |rows| sink.batch(rows, cells, |a, w| serde_json::to_writer(w, a)),
            )?;
            sink.finish()?;
        }
        KbCmd::Show {
            id_or_title,
            format,
        } => {
            let a = store
                .article(&id_or_title)?
                .ok_or_else(|| super::error_words::no_article(&id_or_title))?;
            match format {
                ArticleFormat::Markdown => write!(out, "{}", a.to_doc().render())?,
                ArticleFormat::Text => writeln!(
                    out,
                    "{}\n\n{}",
                    a.row.title,
                    crate::ui::markdown::plain(a.body_md.as_str(), 80)
                )?,
                ArticleFormat::Json => {
                    serde_json::to_writer_pretty(out.json(), &a)?;
                    writeln!(out)?;
                }
            }
        }
        KbCmd::Search {
            query,
            all,
            limit,
            format,
        } => {
            let statuses: &[ArticleStatus] = if all {
                ArticleStatus::ALL
            } else {
                &[ArticleStatus::Published]
            };
            let hits = store.search_articles(&query, statuses, limit)?;
            let mut sink = Sink::new(out, format, &["id", "title", "status", "snippet"]);
            sink.batch(
                &hits,
                |h| {
                    vec![
                        h.row.id.clone(),
                        h.row.title.to_string(),
                        h.row.status.to_string(),
                        marked(h.snippet.as_str()),
                    ]
                },
                |h, w| {
                    let mut v = serde_json::to_value(h)?;
                    v["snippet"] = marked(h.snippet.as_str()).into();
                    serde_json::to_writer(w, &v)
                },
            )?;
            sink.finish()?;
        }
        KbCmd::Suggest { ticket, format } => {
            let rows = store.suggest_for_ticket(ticket, rules.suggestions)?;
            let mut sink = Sink::new(out, format, &["id", "title", "rank", "link"]);
            sink.batch(
                &rows,
                |s| {
                    vec![
                        s.row.id.clone(),
                        s.row.title.to_string(),
                        format!("{:.2}", s.rank),
                        rules.url(&s.row.id),
                    ]
                },
                |s, w| serde_json::to_writer(w, s),
            )?;
            sink.finish()?;
        }
        KbCmd::Status { id, status } => {
            let id = article_id(store, &id)?;
            let out_ = store.set_article_status(&id, status, now)?;
            let key = if out_.changed.is_empty() {
                "said-kb-status-already"
            } else {
                "said-kb-status-now"
            };
            let line = say(key, &[("id", &id), ("status", &status)]);
            writeln!(out, "{line}")?;
        }
        KbCmd::Vote { id, vote } => {
            let id = article_id(store, &id)?;
            let (up, down) = store.vote_article(&id, vote == "up", now)?;
            let line = say(
                "said-kb-votes",
                &[("id", &id), ("up", &up), ("down", &down)],
            );
            writeln!(out, "{line}")?;
        }
        KbCmd::History { id } => {
            let id = article_id(store, &id)?;
            for c in store.history("article", &id)? {
                let one = |v: Option<String>| {
                    let v = v.unwrap_or_else(|| "—".into());
                    let line = crate::domain::text::one_line(&v);
                    crate::domain::text::truncate(&line, 60)
                };
                writeln!(
                    out,
                    "{}  {:<8}  {:<11}  {} → {}",
                    short_date(c.at),
                    c.actor.as_deref().unwrap_or("—"),
                    c.field,
                    one(c.old),
                    one(c.new)
                )?;
            }
        }
        KbCmd::Export { dir } => {
            let n = store.export_articles(&dir)?;
            let line = say("said-kb-exported", &[("n", &n), ("path", &dir.display())]);
            writeln!(out, "{line}")?;
        }
        KbCmd::Import { dir, skip_bad } => {
            let report = store.import_articles(&dir, skip_bad, now)?;
            for e in &report.errors {
                super::output::err_line(format_args!("{e}"));
            }
            if !report.errors.is_empty() && !skip_bad {
                return Err(super::UsageError(super::locale::say(
                    "usage-kb-bad-files",
                    &[("path", &dir.display()), ("n", &report.errors.len())],
                ))
                .into());
            }
            let total = report.created + report.updated + report.unchanged;
            let (path, bad) = (dir.display(), report.errors.len());
            let args: [(&str, &dyn std::fmt::Display); 6] = [
                ("n", &total),
                ("path", &path),
                ("new", &report.created),
                ("updated", &report.updated),
                ("unchanged", &report.unchanged),
                ("bad", &bad),
            ];
            let line = if bad == 0 {
                say("said-kb-imported", &args)
            } else {
                say("said-kb-imported-skipping", &args)
            };
            writeln!(out, "{line}")?;
        }
        KbCmd::Starter { locale } => super::kb_starter::run(store, locale.as_deref(), now, out)?,
    }
    Ok(())
}
