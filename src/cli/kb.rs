//! `desk kb list|show`.

use super::output::{ListArgs, Sink, short_date};
use super::ticket::for_each_page;
use crate::store::Store;
use crate::store::kb::{ArticleFilter, ArticleRow};
use clap::Subcommand;
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum KbCmd {
    /// List articles, most recently updated first
    List {
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ArticleFormat {
    /// The Markdown source
    Markdown,
    /// Laid out for a terminal of 80 columns
    Text,
    Json,
}

const HEADER: &[&str] = &["id", "title", "category", "status", "views", "updated"];

fn cells(a: &ArticleRow) -> Vec<String> {
    vec![
        a.id.clone(),
        a.title.to_string(),
        a.category
            .as_ref()
            .map(|c| c.to_string())
            .unwrap_or_default(),
        a.status.clone(),
        a.views.to_string(),
        short_date(a.updated_at),
    ]
}

pub fn run(store: &Store, cmd: KbCmd, out: &mut impl Write) -> anyhow::Result<()> {
    match cmd {
        KbCmd::List { search, list } => {
            let ListArgs { limit, format } = list;
            let filter = ArticleFilter {
                category_id: None,
                text: search,
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
                .ok_or_else(|| super::NotFound(format!("no article `{id_or_title}`")))?;
            match format {
                ArticleFormat::Markdown => writeln!(out, "# {}\n\n{}", a.row.title, a.body_md)?,
                ArticleFormat::Text => writeln!(
                    out,
                    "{}\n\n{}",
                    a.row.title,
                    crate::ui::markdown::plain(a.body_md.as_str(), 80)
                )?,
                ArticleFormat::Json => {
                    serde_json::to_writer_pretty(&mut *out, &a)?;
                    writeln!(out)?;
                }
            }
        }
    }
    Ok(())
}
