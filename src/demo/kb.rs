//! Knowledge base: articles parsed from assets/demo/kb (TOML front matter + Markdown), categories in file order,
//! and the articles written with random readership.

use super::corpus::{CategorySpec, Content};
use super::rng::Rng;
use super::staff::Staff;
use super::time::{DAY, WINDOW_DAYS};
use crate::store::bulk::BulkWriter;
use crate::store::records::{ArticleRec, CategoryRec};
use anyhow::{Context, Result, bail, ensure};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct FrontMatter {
    title: String,
    category: String,
    #[serde(default)]
    tags: Vec<String>,
    status: String,
}

/// One KB article file.
#[derive(Debug)]
pub(super) struct KbDoc {
    pub title: String,
    /// Index into [`Content::categories`].
    pub category: usize,
    pub tags: Vec<String>,
    pub status: &'static str,
    pub body: String,
}

/// `+++` TOML front matter, then the Markdown body.
pub(super) fn parse_article(text: &str, categories: &[CategorySpec]) -> Result<KbDoc> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    if lines.next().map(str::trim_end) != Some("+++") {
        bail!("it must start with a `+++` line opening the TOML front matter");
    }
    let mut front = String::new();
    let mut closed = false;
    for line in lines.by_ref() {
        if line.trim_end() == "+++" {
            closed = true;
            break;
        }
        front.push_str(line);
    }
    ensure!(closed, "the front matter has no closing `+++` line");
    let body: String = lines.collect::<String>().trim().to_string();
    let fm: FrontMatter = toml::from_str(&front)?;
    let status = match fm.status.as_str() {
        "draft" => "draft",
        "published" => "published",
        "archived" => "archived",
        other => bail!("status `{other}` is not one of draft, published, archived"),
    };
    let category = categories
        .iter()
        .position(|c| c.key == fm.category)
        .with_context(|| format!("category `{}` is not in categories.toml", fm.category))?;
    ensure!(!fm.title.trim().is_empty(), "the title is empty");
    ensure!(!body.is_empty(), "the body is empty");
    // The one tag rule (`domain::ticket::tag`), so a shipped article cannot carry a tag desk would refuse.
    let tags = fm
        .tags
        .iter()
        .map(|t| crate::domain::ticket::tag(t))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    Ok(KbDoc {
        title: fm.title,
        category,
        tags,
        status,
        body,
    })
}

/// Which files to write, in order, with their copy number (1 = the original, 2 = " (2)" …).
///
/// More articles than files cycles through the files again as numbered variants; fewer takes the first files by
/// name but keeps one per category, so the category tree is never half empty.
fn selection(content: &Content, wanted: u64) -> Vec<(usize, u64)> {
    let files = content.kb.len() as u64;
    if wanted >= files {
        return (0..wanted)
            .map(|i| ((i % files) as usize, i / files + 1))
            .collect();
    }
    let mut keep = vec![false; content.kb.len()];
    for cat in 0..content.categories.len() {
        if let Some(first) = content.kb.iter().position(|d| d.category == cat) {
            keep[first] = true;
        }
    }
    let mut left = wanted.saturating_sub(keep.iter().filter(|k| **k).count() as u64);
    for k in keep.iter_mut() {
        if !*k && left > 0 {
            *k = true;
            left -= 1;
        }
    }
    (0..content.kb.len())
        .filter(|&i| keep[i])
        .map(|i| (i, 1))
        .collect()
}

/// Writes categories and articles; returns the number of articles.
pub(super) fn write_kb(
    w: &mut BulkWriter<'_>,
    content: &Content,
    staff: &Staff,
    wanted: u64,
    now: i64,
    rng: &mut Rng,
) -> Result<u64> {
    let set_up = now - (WINDOW_DAYS + 30) * DAY;
    let mut category_ids = Vec::with_capacity(content.categories.len());
    for (position, c) in content.categories.iter().enumerate() {
        let rec = CategoryRec {
            id: rng.ulid(set_up),
            name: c.name.clone(),
            position: position as i64,
        };
        w.category(&rec)?;
        category_ids.push(rec.id);
    }
    let chosen = selection(content, wanted);
    for &(file, copy) in &chosen {
        let doc = &content.kb[file];
        let created_at = now - rng.range(DAY, WINDOW_DAYS * DAY);
        let updated_at = rng.range(created_at, now);
        let views = match doc.status {
            "published" => rng.range(20, 5000),
            "archived" => rng.range(100, 3000),
            _ => 0, // drafts are not visible to readers yet
        };
        let uses = rng.range(0, views / 12);
        let helpful_up = rng.range(0, views / 8);
        let helpful_down = rng.range(0, views / 30);
        let title = match copy {
            1 => doc.title.clone(),
            n => format!("{} ({n})", doc.title),
        };
        let rec = ArticleRec {
            id: rng.ulid(created_at),
            title,
            body_md: doc.body.clone(),
            category_id: Some(category_ids[doc.category].clone()),
            status: doc.status.to_string(),
            author_id: Some(rng.pick(&staff.agents).id.clone()),
            views,
            uses,
            helpful_up,
            helpful_down,
            created_at,
            updated_at,
        };
        w.article(&rec)?;
        for tag in &doc.tags {
            w.tag("article", &rec.id, tag)?;
        }
    }
    Ok(chosen.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_cycles_or_keeps_one_per_category() {
        let content = super::super::corpus::load().unwrap();
        let files = content.kb.len() as u64;
        let more = selection(&content, files * 2 + 1);
        assert_eq!(more.len() as u64, files * 2 + 1);
        assert_eq!(more.last(), Some(&(0, 3)));
        let few = selection(&content, 1);
        let used: std::collections::BTreeSet<usize> =
            content.kb.iter().map(|d| d.category).collect();
        let got: std::collections::BTreeSet<usize> =
            few.iter().map(|&(f, _)| content.kb[f].category).collect();
        assert_eq!(got, used);
        assert!(few.windows(2).all(|p| p[0].0 < p[1].0), "file order kept");
        assert!(selection(&content, 0).len() == used.len());
    }

    #[test]
    fn article_front_matter_errors_are_reported() {
        let cats = vec![CategorySpec {
            key: "usage".into(),
            name: "Usage".into(),
        }];
        let ok = "+++\ntitle = \"T\"\ncategory = \"usage\"\ntags = [\"a\"]\nstatus = \"draft\"\n+++\n\nBody\n";
        let doc = parse_article(ok, &cats).unwrap();
        assert_eq!(
            (doc.title.as_str(), doc.status, doc.body.as_str()),
            ("T", "draft", "Body")
        );
        assert!(parse_article("no front matter", &cats).is_err());
        assert!(parse_article(&ok.replace("usage", "nope"), &cats).is_err());
        assert!(parse_article(&ok.replace("draft", "live"), &cats).is_err());
        assert!(parse_article("+++\ntitle = \"T\"\n", &cats).is_err());
    }
}
