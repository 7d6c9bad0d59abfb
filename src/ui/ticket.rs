//! Ticket pane: properties and the message thread, internal notes set apart.

use super::queues::priority_cell;
use super::theme::Theme;
use super::widgets::{block, date, empty_state, scrolled};
use crate::app::commands::CommandId;
use crate::app::geometry::{Part, thread_parts};
use crate::app::{Model, layout};
use crate::domain::text::{truncate, width};
use crate::domain::ticket::compact_age;
use crate::domain::ticket_fields::{
    ChangeWords, Place, Show, TICKET_FIELDS, describe_change, show_value,
};
use crate::store::records::AuthorKind;
use crate::store::tickets::{MessageRow, TicketDetail};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame<'_>, area: Rect, model: &Model, theme: &Theme) {
    let Some(d) = &model.ticket.detail else {
        frame.render_widget(block("Ticket".into(), true, theme), area);
        let msg: &[&str] = match model.ticket.number {
            Some(_) if model.ticket.loading => &["Loading…"],
            _ => &[
                "No ticket open.",
                "",
                "Pick one in Queues (1) and press Enter.",
            ],
        };
        empty_state(frame, layout::inner(area), msg, theme);
        return;
    };
    let (head, thread) = layout::ticket(area);
    header(frame, head, d, model, theme);
    let inner = layout::inner(thread);
    if model.ticket.show_history {
        history(frame, thread, model, theme);
        return;
    }
    let lines = thread_lines(
        d,
        inner.width as usize,
        &model.date_format,
        model.utc_offset,
        theme,
    );
    let n = d.messages.len();
    let plural = if n == 1 { "" } else { "s" };
    // A postponed reply waits on the ticket: say so where the thread is read, with the key that resumes it.
    let draft = d.draft.as_ref().map_or(String::new(), |kept| {
        let (what, id) = if kept.internal {
            ("note", CommandId::TicketNote)
        } else {
            ("reply", CommandId::TicketReply)
        };
        format!(
            " · your {what} draft is kept ({} resumes it)",
            model.keymap.first_key(id)
        )
    });
    let title = format!("Thread · {n} message{plural}{draft}");
    scrolled(frame, thread, lines, model.ticket.scroll, &title, theme);
    suggestion_line(frame, thread, model, theme);
}

/// The suggested articles, on the thread's bottom border: no room taken from the thread, `b` lists them.
fn suggestion_line(frame: &mut Frame<'_>, thread: Rect, model: &Model, theme: &Theme) {
    let rows = crate::app::suggestions_for(model);
    if rows.is_empty() || thread.height < 3 || thread.width < 24 {
        return;
    }
    let room = thread.width as usize - 4;
    let mut text = " b articles: ".to_string();
    for (i, s) in rows.iter().enumerate() {
        let sep = if i > 0 { " · " } else { "" };
        let piece = format!("{sep}{} {}", i + 1, s.row.title);
        let left = room.saturating_sub(width(&text) + 1);
        if width(&piece) > left {
            // The first title is the one that matters: shorten it rather than drop it.
            if i == 0 {
                text.push_str(&truncate(&piece, left));
            } else if left >= 2 {
                text.push_str(" …");
            }
            break;
        }
        text.push_str(&piece);
    }
    text.push(' ');
    let area = Rect {
        x: thread.x + 2,
        y: thread.y + thread.height - 1,
        width: (width(&text) as u16).min(thread.width - 4),
        height: 1,
    };
    super::widgets::on_border(frame, area, text, theme.muted);
}

fn header(frame: &mut Frame<'_>, area: Rect, d: &TicketDetail, model: &Model, theme: &Theme) {
    let t = &d.row;
    let label = |s: &str| Span::styled(format!("{s} "), theme.muted);
    let sep = || Span::styled("  ", theme.muted);
    let fmt = |ts: i64| date(ts, model.utc_offset, &model.date_format);
    let mut customer = t
        .customer
        .as_ref()
        .map_or("—".to_string(), |c| c.to_string());
    if let Some(email) = &d.customer_email {
        customer.push_str(&format!(" <{email}>"));
    }
    let tier = t
        .customer_tier
        .map(|t| format!(" · {}", t.label()))
        .unwrap_or_default();
    let tags = if d.tags.is_empty() {
        "—".to_string()
    } else {
        d.tags
            .iter()
            .map(|t| t.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let lines = vec![
        Line::from(vec![
            Span::styled(format!("#{} ", t.number), theme.muted),
            Span::styled(t.subject.to_string(), theme.title),
        ]),
        Line::from(vec![
            label("Status"),
            Span::styled(t.status.label(), theme.title),
            sep(),
            label("Priority"),
            Span::styled(
                format!("{} {}", priority_cell(t.priority), t.priority.label()),
                theme.priority(t.priority),
            ),
            sep(),
            label("Kind"),
            Span::raw(t.kind.label()),
            sep(),
            label("Channel"),
            Span::raw(t.channel.label()),
        ]),
        Line::from(vec![
            label("Customer"),
            Span::raw(format!("{customer}{tier}")),
            sep(),
            label("Assignee"),
            Span::raw(
                t.assignee
                    .as_ref()
                    .map_or("unassigned".to_string(), |a| a.to_string()),
            ),
            sep(),
            label("Group"),
            Span::raw(d.group.as_ref().map_or("—".to_string(), |g| g.to_string())),
        ]),
        Line::from(
            vec![
                label("Created"),
                Span::raw(format!(
                    "{} ({} ago)",
                    fmt(t.created_at),
                    compact_age(model.now - t.created_at)
                )),
                sep(),
                label("Updated"),
                Span::raw(compact_age(model.now - t.updated_at)),
                sep(),
                label("Product"),
                Span::raw(
                    d.product
                        .as_ref()
                        .map_or("—".to_string(), |p| p.to_string()),
                ),
                sep(),
                label("Tags"),
                Span::raw(tags),
                Span::styled(relations(d), theme.priority_high),
            ]
            .into_iter()
            .chain(details(d, model, &label))
            .collect::<Vec<_>>(),
        ),
        super::service::sla_line(d, model, theme),
    ];
    let mut lines = lines;
    lines.extend(super::service::loop_line(d, model, theme));
    frame.render_widget(
        Paragraph::new(lines).block(block("Ticket".into(), false, theme)),
        area,
    );
    presence_line(frame, area, d.row.number, model, theme);
}

/// The fields declared in `domain::ticket_fields` to show by key (not laid out by hand), each as `Label value`.
fn details<'a>(d: &TicketDetail, model: &Model, label: &dyn Fn(&str) -> Span<'a>) -> Vec<Span<'a>> {
    let mut out = Vec::new();
    for def in TICKET_FIELDS.iter().filter(|f| f.place == Place::Details) {
        let Some(raw) = d.details.text(def.field) else {
            continue;
        };
        let value = show_value(
            def.show,
            &raw,
            &|_, _| None,
            model.utc_offset,
            &model.date_format,
        );
        out.push(Span::raw("  "));
        out.push(label(def.label));
        out.push(Span::raw(value));
    }
    out
}

/// Who else is on this ticket ("Li Na is replying"), on the header's top border at the right: a collision is
/// easier to avoid than to resolve.
fn presence_line(frame: &mut Frame<'_>, area: Rect, number: i64, model: &Model, theme: &Theme) {
    let Some((n, others)) = &model.live.presence else {
        return;
    };
    let Some(text) = crate::domain::team::presence_line(others).filter(|_| *n == number) else {
        return;
    };
    let room = (area.width as usize).saturating_sub(14);
    if room < 8 {
        return;
    }
    // No bullet glyph: "●" is East Asian ambiguous width, and terminals that draw it two cells wide leave debris
    // on the border when the line goes away.
    let text = truncate(&format!(" {text} "), room);
    let w = width(&text) as u16;
    let at = Rect {
        x: area.x + area.width - 1 - w,
        y: area.y,
        width: w,
        height: 1,
    };
    let style = theme
        .priority_high
        .add_modifier(ratatui::style::Modifier::BOLD);
    super::widgets::on_border(frame, at, text, style);
}

fn author_line<'a>(m: &MessageRow, when: String, theme: &Theme) -> Line<'a> {
    let who = m
        .author
        .as_ref()
        .map_or("unknown".to_string(), |a| a.to_string());
    let (role, style) = match (m.author_kind, m.internal) {
        (_, true) => ("internal note", theme.internal_note),
        (AuthorKind::Customer, _) => ("customer", theme.customer_message),
        (AuthorKind::Agent, _) => ("reply", theme.agent_message),
        (AuthorKind::System, _) => ("system", theme.muted),
    };
    let mut spans = vec![
        Span::styled(if m.internal { " ┃ " } else { " " }, style),
        Span::styled(who, style),
    ];
    spans.push(Span::styled(
        format!(" · {role}"),
        if m.internal { style } else { theme.muted },
    ));
    if let Some(ch) = m.channel {
        spans.push(Span::styled(format!(" · {}", ch.label()), theme.muted));
    }
    spans.push(Span::styled(format!(" · {when}"), theme.muted));
    Line::from(spans)
}

fn thread_lines<'a>(
    d: &TicketDetail,
    width: usize,
    fmt: &str,
    offset: i32,
    theme: &Theme,
) -> Vec<Line<'a>> {
    thread_parts(d, width)
        .into_iter()
        .map(|p| match p {
            Part::Gap => Line::raw(""),
            Part::Header(i) => author_line(
                &d.messages[i],
                date(d.messages[i].created_at, offset, fmt),
                theme,
            ),
            Part::Body(i, text) => {
                // Internal notes carry a bar as well as their colour, so they stand apart without colour too.
                if d.messages[i].internal {
                    Line::from(vec![
                        Span::styled(" ┃ ", theme.internal_note),
                        Span::styled(text, theme.internal_note),
                    ])
                } else {
                    Line::from(vec![Span::raw("   "), Span::raw(text)])
                }
            }
        })
        .collect()
}

/// One line per change-log entry: when, who, what changed from what to what.
fn history_lines<'a>(model: &Model, theme: &Theme) -> Vec<Line<'a>> {
    let Some(rows) = &model.ticket.history else {
        return vec![Line::styled("Loading…", theme.muted)];
    };
    if rows.is_empty() {
        return vec![Line::styled(
            "No changes recorded yet (bulk-loaded tickets start with none).",
            theme.muted,
        )];
    }
    // Ids read as the names the desk has loaded; times in the agent's zone.
    let names = |show: Show, id: &str| match show {
        Show::Agent => model
            .agents
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.name.to_string()),
        Show::Group => model
            .groups
            .iter()
            .find(|g| g.id == id)
            .map(|g| g.name.to_string()),
        _ => None,
    };
    let words = ChangeWords {
        names: &names,
        offset: model.utc_offset,
        date_format: &model.date_format,
    };
    rows.iter()
        .map(|h| {
            let who = &h.who;
            let change = describe_change(&h.field, h.old.as_deref(), h.new.as_deref(), &words);
            Line::from(vec![
                Span::styled(
                    format!(" {} ", date(h.at, model.utc_offset, &model.date_format)),
                    theme.muted,
                ),
                Span::styled(format!("{who:<8} "), theme.title),
                Span::raw(crate::domain::text::sanitize(&change)),
            ])
        })
        .collect()
}

fn history(frame: &mut Frame<'_>, area: Rect, model: &Model, theme: &Theme) {
    let lines = history_lines(model, theme);
    scrolled(
        frame,
        area,
        lines,
        model.ticket.scroll,
        "History (H shows the thread)",
        theme,
    );
}

/// `  Merged into #1042  Links #1001 #1017`, or nothing.
fn relations(d: &TicketDetail) -> String {
    let mut out = String::new();
    if let Some(n) = d.merged_into {
        out.push_str(&format!("  Merged into #{n}"));
    }
    if !d.links.is_empty() {
        let links: Vec<String> = d.links.iter().map(|n| format!("#{n}")).collect();
        out.push_str(&format!("  Links {}", links.join(" ")));
    }
    out
}
