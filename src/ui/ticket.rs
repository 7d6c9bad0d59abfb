//! Ticket pane: properties and the message thread, internal notes set apart.

use super::theme::Theme;
use super::widgets::{block, ellipsize, empty_state, scrolled};
use crate::app::commands::CommandId;
use crate::app::geometry::{Part, thread_parts};
use crate::app::ticket_header::{self, Role};
use crate::app::{Model, layout};
use crate::domain::text::{truncate, width};
use crate::domain::ticket_fields::{ChangeWords, Show};
use crate::i18n::{Locale, tr, tr_args, tr_of};
use crate::store::records::AuthorKind;
use crate::store::tickets::{MessageRow, TicketDetail};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame<'_>, area: Rect, model: &Model, theme: &Theme) {
    let l = model.locale;
    let Some(d) = &model.ticket.detail else {
        frame.render_widget(block(tr(l, "ticket-pane"), true, theme), area);
        let msg: Vec<String> = match model.ticket.number {
            Some(_) if model.ticket.loading => vec![tr(l, "ticket-loading")],
            _ => vec![
                tr(l, "ticket-none-open"),
                String::new(),
                tr(l, "ticket-pick-one"),
            ],
        };
        let msg: Vec<&str> = msg.iter().map(String::as_str).collect();
        empty_state(frame, layout::inner(area), &msg, theme);
        return;
    };
    let (head, thread) = ticket_header::split(model, area);
    header(frame, (head, area), d, model, theme);
    let inner = layout::inner(thread);
    if model.ticket.show_history {
        history(frame, thread, model, theme);
        return;
    }
    let lines = thread_lines(
        d,
        inner.width as usize,
        model.ticket.show_quoted,
        &|ts| model.date(ts),
        (l, theme),
    );
    let n = d.messages.len();
    // A postponed reply waits on the ticket: say so where the thread is read, with the key that resumes it.
    let draft = d.draft.as_ref().map_or(String::new(), |kept| {
        let (key, id) = if kept.internal {
            ("ticket-draft-kept-note", CommandId::TicketNote)
        } else {
            ("ticket-draft-kept-reply", CommandId::TicketReply)
        };
        let text = tr_args(l, key, &[("key", model.keymap.first_key(id).into())]);
        format!(" · {text}")
    });
    let title = format!("{}{draft}", tr_args(l, "ticket-thread", &[("n", n.into())]));
    scrolled(
        frame,
        thread,
        lines,
        (model.ticket.scroll, model.locale),
        &title,
        theme,
    );
    suggestion_line(frame, thread, model, theme);
}

/// The suggested articles, on the thread's bottom border: no room taken from the thread, `b` lists them.
fn suggestion_line(frame: &mut Frame<'_>, thread: Rect, model: &Model, theme: &Theme) {
    let rows = crate::app::suggestions_for(model);
    if rows.is_empty() || thread.height < 3 || thread.width < 24 {
        return;
    }
    let room = thread.width as usize - 4;
    let mut text = format!(" {} ", tr(model.locale, "ticket-suggested"));
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

/// The header in `area`, laid out for the pane's `body` (its lines depend on how tall the body is).
fn header(
    frame: &mut Frame<'_>,
    (area, body): (Rect, Rect),
    d: &TicketDetail,
    model: &Model,
    theme: &Theme,
) {
    let style = |role: Role| match role {
        Role::Muted => theme.muted,
        Role::Subject | Role::Strong => theme.title,
        Role::Plain => theme.base,
        Role::Priority(p) => theme.priority(p),
        Role::Relation => theme.priority_high,
        Role::Clock(state) => super::service::style(state, theme),
    };
    let w = layout::inner(area).width as usize;
    let mut lines: Vec<Line> = ticket_header::lines(d, model, body)
        .into_iter()
        .map(|pieces| {
            Line::from(
                pieces
                    .into_iter()
                    .map(|p| Span::styled(p.text, style(p.role)))
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    let styled = |pieces: Vec<crate::app::ticket_header::Piece>| {
        Line::from(
            pieces
                .into_iter()
                .map(|p| Span::styled(p.text, style(p.role)))
                .collect::<Vec<_>>(),
        )
    };
    lines.extend(
        crate::app::sla_header::sla_lines(d, model, w)
            .into_iter()
            .map(|l| ellipsize(styled(l), w)),
    );
    lines.extend(super::service::loop_line(d, model, theme).map(|l| ellipsize(l, w)));
    frame.render_widget(
        Paragraph::new(lines).block(block(tr(model.locale, "ticket-pane"), false, theme)),
        area,
    );
    presence_line(frame, area, d.row.number, model, theme);
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

fn author_line<'a>(m: &MessageRow, when: String, (l, theme): (Locale, &Theme)) -> Line<'a> {
    let who = m
        .author
        .as_ref()
        .map_or_else(|| tr(l, "ticket-author-unknown"), |a| a.to_string());
    let (role, style) = match (m.author_kind, m.internal) {
        (_, true) => ("ticket-role-internal-note", theme.internal_note),
        (AuthorKind::Customer, _) => ("ticket-role-customer", theme.customer_message),
        (AuthorKind::Agent, _) => ("ticket-role-reply", theme.agent_message),
        (AuthorKind::System, _) => ("ticket-role-system", theme.muted),
    };
    let role = tr(l, role);
    let mut spans = vec![
        Span::styled(if m.internal { " ┃ " } else { " " }, style),
        Span::styled(who, style),
    ];
    spans.push(Span::styled(
        format!(" · {role}"),
        if m.internal { style } else { theme.muted },
    ));
    if let Some(ch) = m.channel {
        let ch = tr_of(l, "ticket-channel-", ch.as_str());
        spans.push(Span::styled(format!(" · {ch}"), theme.muted));
    }
    spans.push(Span::styled(format!(" · {when}"), theme.muted));
    Line::from(spans)
}

fn thread_lines<'a>(
    d: &TicketDetail,
    width: usize,
    show_quoted: bool,
    date: &dyn Fn(i64) -> String,
    (l, theme): (Locale, &Theme),
) -> Vec<Line<'a>> {
    thread_parts(d, width, show_quoted)
        .into_iter()
        .map(|p| match p {
            Part::Gap => Line::raw(""),
            Part::Folded(text) => {
                Line::from(vec![Span::raw("   "), Span::styled(text, theme.muted)])
            }
            Part::Quoted(_, text) => {
                Line::from(vec![Span::raw("   "), Span::styled(text, theme.muted)])
            }
            Part::Attachment { name, size } => ellipsize(
                Line::from(vec![
                    Span::raw("   "),
                    Span::styled(
                        tr_args(
                            l,
                            "attach-line",
                            &[("name", name.into()), ("size", size.into())],
                        ),
                        theme.muted,
                    ),
                ]),
                width,
            ),
            // One line however long the author's name: cut with a mark, never silently.
            Part::Header(i) => ellipsize(
                author_line(&d.messages[i], date(d.messages[i].created_at), (l, theme)),
                width,
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
        return vec![Line::styled(
            tr(model.locale, "ticket-loading"),
            theme.muted,
        )];
    };
    if rows.is_empty() {
        return vec![Line::styled(
            tr(model.locale, "ticket-history-none"),
            theme.muted,
        )];
    }
    // Ids read as the names the desk has loaded; times in the agent's zone.
    let names = |show: Show, id: &str| model.loaded_name(show, id);
    let words = ChangeWords {
        names: &names,
        offset: model.utc_offset,
        date_format: model.date_pattern(),
    };
    rows.iter()
        .map(|h| {
            // Who made a change can come from an imported file: sanitised, and padded by display width so a
            // Chinese name lines up with a Latin one.
            let who = crate::domain::text::sanitize(&h.who);
            let pad = 8usize.saturating_sub(crate::domain::text::width(&who));
            let change = crate::i18n::changes::describe(
                model.locale,
                &h.field,
                h.old.as_deref(),
                h.new.as_deref(),
                &words,
            );
            Line::from(vec![
                Span::styled(format!(" {} ", model.date(h.at)), theme.muted),
                Span::styled(format!("{who}{} ", " ".repeat(pad)), theme.title),
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
        (model.ticket.scroll, model.locale),
        &tr(model.locale, "ticket-history"),
        theme,
    );
}
