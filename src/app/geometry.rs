//! Line counts and layout that both update (scroll limits) and render (what to draw) need, computed the same way
//! in one place so the two never disagree and `app` never reaches into `ui`.

use crate::app::Model;
use crate::domain::text::wrap;
use crate::store::tickets::TicketDetail;

/// What each thread line is, before styling: shared by render and by update's scroll bounds.
pub enum Part {
    Header(usize),
    Body(usize, String),
    /// A line of message `usize`'s quoted history or signature, shown (`z`).
    Quoted(usize, String),
    /// Message's quoted history or signature, folded: what the one line says.
    Folded(String),
    /// A file that came with message `usize`: its name and size, one line.
    /// An attachment of the message above: its file name and its size in words (`2.1 MB`).
    Attachment {
        name: String,
        size: String,
    },
    Gap,
}

/// The thread's lines at `width`; `show_quoted` unfolds quoted history and signatures (domain::quoted).
pub fn thread_parts(d: &TicketDetail, width: usize, show_quoted: bool) -> Vec<Part> {
    let mut out = Vec::new();
    let w = width.saturating_sub(3);
    for (i, m) in d.messages.iter().enumerate() {
        if i > 0 {
            out.push(Part::Gap);
        }
        out.push(Part::Header(i));
        let body = m.body.as_str().trim_end();
        // Internal notes are the team's own words: never folded.
        let fold = (!m.internal)
            .then(|| crate::domain::quoted::fold_point(body))
            .flatten();
        let lines: Vec<&str> = body.lines().collect();
        let (own, quoted) = lines
            .split_at_checked(fold.unwrap_or(lines.len()))
            .unwrap_or((lines.as_slice(), &[]));
        // Folded, the blank lines before the fold go too: the message ends with its words, then the one line.
        let own = own.join("\n");
        let own = if show_quoted {
            own.as_str()
        } else {
            own.trim_end()
        };
        for line in wrap(own, w) {
            out.push(Part::Body(i, line));
        }
        if !quoted.is_empty() {
            if show_quoted {
                for line in wrap(&quoted.join("\n"), w) {
                    out.push(Part::Quoted(i, line));
                }
            } else {
                out.push(Part::Folded(crate::domain::quoted::fold_label(quoted, "z")));
            }
        }
        for a in d.attachments.iter().filter(|a| a.message_id == m.id) {
            let size = crate::domain::intake::human_size(a.size.max(0) as u64);
            out.push(Part::Attachment {
                name: a.name.to_string(),
                size,
            });
        }
    }
    out
}

/// Number of thread lines at `width`, for scrolling.
pub fn thread_line_count(d: &TicketDetail, width: usize, show_quoted: bool) -> usize {
    thread_parts(d, width, show_quoted).len()
}

pub fn history_line_count(model: &Model) -> usize {
    model.ticket.history.as_ref().map_or(1, |h| h.len().max(1))
}

/// The reader's meta lines above an article (author, date, counts, tags and keys), wrapped to `w`.
pub fn reader_meta(
    a: &crate::store::kb::Article,
    w: usize,
    (utc_offset, l): (i32, crate::i18n::Locale),
) -> Vec<String> {
    use crate::i18n::{tr, tr_args};
    let author = a.author.as_ref().map_or("—".to_string(), |s| s.to_string());
    let updated = crate::domain::text::local_date(a.row.updated_at, utc_offset, "%Y-%m-%d");
    let meta = tr_args(
        l,
        "reader-meta",
        &[
            ("author", author.into()),
            ("updated", updated.into()),
            ("views", a.row.views.into()),
            ("uses", a.row.uses.into()),
            ("up", a.row.helpful_up.into()),
            ("down", a.row.helpful_down.into()),
        ],
    );
    let tags = if a.tags.is_empty() {
        tr(l, "reader-no-tags")
    } else {
        let t: Vec<String> = a.tags.iter().map(|t| format!("#{t}")).collect();
        tr_args(l, "reader-tags", &[("tags", t.join(" ").into())])
    };
    let mut out = crate::domain::text::wrap(&meta, w.max(8));
    out.extend(crate::domain::text::wrap(&tags, w.max(8)));
    out.push(String::new());
    out
}
