//! The review screen (a reply or note before it is sent) and the confirmation dialog.

use super::overlay::{centered, clear_popup, key};
use super::theme::Theme;
use super::widgets::block;
use crate::app::Model;
use crate::app::commands::CommandId;
use crate::app::confirm::Confirm;
use crate::app::review::{Draft, describe_edits};
use crate::domain::sla::Target;
use crate::domain::text::{fit, sanitize, wrap};
use crate::i18n::{tr, tr_args};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Who receives the draft, what it changes and carries, then its text as the customer will read it.
pub fn review(frame: &mut Frame<'_>, body: Rect, model: &Model, d: &Draft, theme: &Theme) {
    let l = model.locale;
    let area = centered(body, body.width.min(100), body.height);
    let inner_w = area.width.saturating_sub(4) as usize;
    let ticket = model
        .ticket
        .detail
        .as_ref()
        .filter(|t| t.row.number == d.number);
    let to = if d.internal {
        tr(l, "review-internal-to")
    } else {
        let name = ticket
            .and_then(|t| t.row.customer.as_ref())
            .map_or_else(|| tr(l, "review-the-customer"), |c| c.to_string());
        match ticket.and_then(|t| t.customer_email.as_ref()) {
            Some(email) => format!("{name} <{email}>"),
            None => name,
        }
    };
    // Labels by key, padded by display width (a Chinese label takes two cells a character).
    let label = |key: &str| {
        let text = if key.is_empty() {
            String::new()
        } else {
            tr(l, key)
        };
        Span::styled(fit(&text, 9), theme.muted)
    };
    let mut lines = vec![Line::from(vec![
        label("review-label-to"),
        Span::styled(fit(&to, inner_w.saturating_sub(9)), theme.title),
    ])];
    if let Some(t) = ticket {
        lines.push(Line::from(vec![
            label("review-label-ticket"),
            Span::raw(fit(
                &format!("#{} {}", t.row.number, t.row.subject),
                inner_w.saturating_sub(9),
            )),
        ]));
    }
    // Where the reply goes and what the mail adds are what an agent must not miss: wrapped, never cut.
    let wrapped = |lines: &mut Vec<Line<'_>>, name: &str, text: &str, style| {
        for (i, part) in wrap(text, inner_w.saturating_sub(9).max(8))
            .into_iter()
            .take(3)
            .enumerate()
        {
            let head = if i == 0 { label(name) } else { label("") };
            lines.push(Line::from(vec![head, Span::styled(part, style)]));
        }
    };
    if !d.internal {
        let (text, style) = delivery(model, d, ticket.map(|t| &**t), theme);
        wrapped(&mut lines, "review-label-delivery", &text, style);
    }
    // Offered while the ticket's first-solution clock (3-5-7) runs, and shown whenever the reply is marked.
    let clock_runs = ticket.is_some_and(|t| {
        t.clocks
            .iter()
            .any(|c| c.target == Target::FirstSolution && c.stopped_at.is_none())
    });
    if !d.internal && (d.solution || clock_runs) {
        let toggle = key(model, CommandId::ReviewSolution);
        let (key, style) = if d.solution {
            ("review-solution-marked", theme.title)
        } else {
            ("review-solution-unmarked", theme.muted)
        };
        let text = tr_args(l, key, &[("toggle", toggle.into())]);
        wrapped(&mut lines, "review-label-solution", &text, style);
    }
    if let Some(adds) = ticket.and_then(|t| mail_adds(model, d, t)) {
        wrapped(&mut lines, "review-label-adds", &adds, theme.muted);
    }
    if !d.edits.is_empty() {
        lines.push(Line::from(vec![
            label("review-label-changes"),
            Span::styled(
                fit(&describe_edits(l, &d.edits), inner_w.saturating_sub(9)),
                theme.priority_high,
            ),
        ]));
    }
    if let Some((id, how)) = &d.article {
        let title = crate::app::suggestions_for(model)
            .iter()
            .find(|s| &s.row.id == id)
            .map_or_else(|| id.clone(), |s| s.row.title.to_string());
        let how = tr(
            l,
            match how {
                crate::domain::kb::Insert::Link => "review-article-linked",
                crate::domain::kb::Insert::Body => "review-article-quoted",
            },
        );
        lines.push(Line::from(vec![
            label("review-label-article"),
            Span::raw(fit(
                &format!("{title} ({how}, {})", model.kb_rules.url(id)),
                inner_w.saturating_sub(9),
            )),
        ]));
    }
    lines.push(Line::styled("─".repeat(inner_w), theme.muted));
    for l in wrap(&sanitize(&d.body), inner_w.max(8)) {
        lines.push(Line::raw(l));
    }
    let title = tr_args(
        l,
        if d.internal {
            "review-title-note"
        } else {
            "review-title-reply"
        },
        &[
            ("send", key(model, CommandId::ReviewSend).into()),
            ("edit", key(model, CommandId::ReviewEdit).into()),
            ("postpone", key(model, CommandId::ReviewPostpone).into()),
            ("discard", key(model, CommandId::ReviewDiscard).into()),
        ],
    );
    clear_popup(frame, area);
    let outer = block(title, true, theme);
    let text_area = outer.inner(area);
    frame.render_widget(outer, area);
    let padded = Rect {
        x: text_area.x + 1,
        width: text_area.width.saturating_sub(2),
        ..text_area
    };
    frame.render_widget(Paragraph::new(lines), padded);
}

/// How a reply reaches the customer: by mail (desk queues it with the message, from the ticket's group's address
/// when it has one), only when asked (a ticket that did not come by mail), or only on the ticket, and why.
fn delivery(
    model: &Model,
    d: &Draft,
    ticket: Option<&crate::store::tickets::TicketDetail>,
    theme: &Theme,
) -> (String, ratatui::style::Style) {
    use crate::app::review::{NOT_A_MAIL_TICKET, Route, route};
    let l = model.locale;
    let Some(t) = ticket else {
        return (tr(l, "review-ticket-only"), theme.muted);
    };
    let recipients = |to: &str| {
        let cc: Vec<String> = t.collaborators.iter().map(|c| c.to_string()).collect();
        let cc = if cc.is_empty() {
            String::new()
        } else {
            let list = cc.join(", ");
            format!(", {}", tr_args(l, "review-cc", &[("list", list.into())]))
        };
        let from = model
            .mail_out
            .as_ref()
            .and_then(|o| o.from_for(t.group.as_ref().map(|g| g.as_str())).from)
            .map_or(String::new(), |f| {
                let from = tr_args(l, "review-from", &[("from", sanitize(f).into())]);
                format!(" {from}")
            });
        format!("{to}{cc}{from}")
    };
    let toggle = key(model, CommandId::ReviewMail);
    let channel = t.row.channel.as_str();
    let offer = |key: &str, to: String| {
        let args = [
            ("channel", channel.into()),
            ("toggle", toggle.as_str().into()),
            ("to", to.into()),
        ];
        tr_args(l, key, &args)
    };
    let (text, style) = match route(model.mail_out.as_ref(), t) {
        Route::Mailed { to } => (
            tr_args(l, "review-mailed", &[("to", recipients(to).into())]),
            theme.title,
        ),
        Route::Offer { to } if d.by_mail => {
            (offer("review-offer-asked", recipients(to)), theme.title)
        }
        Route::Offer { to } => (offer("review-offer", to.to_string()), theme.muted),
        Route::TicketOnly(NOT_A_MAIL_TICKET) => (tr(l, "review-ticket-only-not-mail"), theme.muted),
        Route::TicketOnly(why) => (
            tr_args(l, "review-ticket-only-why", &[("why", tr(l, why).into())]),
            theme.muted,
        ),
    };
    (sanitize(&text), style)
}

/// What the mail adds under a reply that will be mailed (the thread keeps only the reply): the signature's first
/// line, and that the customer's last message is quoted.
fn mail_adds(model: &Model, d: &Draft, t: &crate::store::tickets::TicketDetail) -> Option<String> {
    use crate::app::review::{Route, route};
    let out = model.mail_out.as_ref()?;
    let mailed = match route(Some(out), t) {
        Route::Mailed { .. } => true,
        Route::Offer { .. } => d.by_mail,
        Route::TicketOnly(_) => false,
    };
    if !mailed {
        return None;
    }
    let l = model.locale;
    let mut parts = Vec::new();
    if let Some(sig) = out.signature_for(t.group.as_ref().map(|g| g.as_str())) {
        let first = sig.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let more = if sig.trim().lines().count() > 1 {
            " …"
        } else {
            ""
        };
        let args = [
            ("first", sanitize(first.trim()).into()),
            ("more", more.into()),
        ];
        parts.push(tr_args(l, "review-signature", &args));
    }
    if out.quote_history {
        parts.push(tr(l, "review-quoted-last"));
    }
    (!parts.is_empty()).then(|| {
        let parts = parts.join(" · ");
        tr_args(l, "review-in-mail-only", &[("parts", parts.into())])
    })
}

/// A question with what will happen and the two answers.
pub fn confirm(frame: &mut Frame<'_>, body: Rect, model: &Model, c: &Confirm, theme: &Theme) {
    let w = body.width.min(76);
    let inner_w = w.saturating_sub(4) as usize;
    let mut lines: Vec<Line> = c
        .lines
        .iter()
        .flat_map(|l| wrap(&sanitize(l), inner_w.max(8)))
        .map(Line::raw)
        .collect();
    lines.push(Line::raw(""));
    let answers = [
        ("yes", key(model, CommandId::ConfirmYes).into()),
        ("no", key(model, CommandId::ConfirmNo).into()),
    ];
    lines.push(Line::styled(
        tr_args(model.locale, "review-yes-no", &answers),
        theme.hint_key,
    ));
    let h = (lines.len() as u16 + 2).min(body.height);
    let area = centered(body, w, h);
    clear_popup(frame, area);
    let outer = block(sanitize(&c.title), true, theme);
    let text_area = outer.inner(area);
    frame.render_widget(outer, area);
    let padded = Rect {
        x: text_area.x + 1,
        width: text_area.width.saturating_sub(2),
        ..text_area
    };
    frame.render_widget(Paragraph::new(lines), padded);
}
