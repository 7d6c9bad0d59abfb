//! `desk ticket list|show`.

use super::locale::say;
use super::output::Out;
use super::output::{ListArgs, ListFormat, ShowFormat, Sink, number_cell, rfc3339, short_date};
use crate::domain::ticket_fields::describe_change;
use crate::domain::view::PageRequest;
use crate::store::Store;
use crate::store::ticket_write::ReplyHow;
use crate::store::tickets::{TicketDetail, TicketRow};
use anyhow::{Context, bail};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum TicketCmd {
    /// Create a ticket from a customer's message; prints its number
    New(super::ticket_write::NewArgs),
    /// Add a public reply as you (the first one stamps the first response)
    Reply(super::ticket_write::ReplyArgs),
    /// Add an internal note as you
    Note(super::ticket_write::MessageArgs),
    /// Change fields: status=pending priority=high assignee=li tags+=vip …
    Set(super::ticket_write::SetArgs),
    /// Fold a duplicate into another ticket: its thread moves over and it becomes merged
    Merge {
        number: String,
        #[arg(long, value_name = "NUMBER")]
        into: String,
    },
    /// Link two related tickets
    Link { number: String, other: String },
    /// The ticket's change history, oldest first
    History {
        number: String,
        #[arg(long, value_enum, default_value = "text")]
        format: ShowFormat,
    },
    /// List tickets in a view, newest activity first
    List {
        /// my-open, unassigned, all-open, all, pending, recently-solved, vip, at-risk, follow-ups, or a view from config
        #[arg(long, default_value = "all-open")]
        view: String,
        /// Narrow the view with the view language, e.g. 'priority:>=high assignee:none "refund"'; statuses named
        /// here replace the view's (`--filter status:closed` lists closed tickets)
        #[arg(long)]
        filter: Option<String>,
        #[command(flatten)]
        list: ListArgs,
    },
    /// Write whole tickets (fields, thread, attachments' metadata, history) as JSON lines, oldest activity last
    Export(super::ticket_transfer::ExportArgs),
    /// Read tickets from a JSON-lines file (as `ticket export` writes): all or nothing, each once by external id
    Import(super::ticket_transfer::ImportArgs),
    /// Show one ticket with its thread
    Show {
        number: String,
        #[arg(long, value_enum, default_value = "text")]
        format: ShowFormat,
    },
}

/// The stable JSON shape of a ticket for scripts.
#[derive(serde::Serialize)]
struct TicketJson<'a> {
    number: i64,
    id: &'a str,
    subject: &'a str,
    status: &'a str,
    priority: &'a str,
    kind: &'a str,
    channel: &'a str,
    customer: Option<&'a str>,
    assignee: Option<&'a str>,
    created_at: String,
    updated_at: String,
    solved_at: Option<String>,
    /// The clock the queue shows: which target, and when it falls due (null while paused or met).
    sla_target: Option<&'static str>,
    sla_due_at: Option<String>,
    sla_paused: bool,
    loop_stage: Option<&'static str>,
    follow_up_due_at: Option<String>,
}

impl<'a> From<&'a TicketRow> for TicketJson<'a> {
    fn from(t: &'a TicketRow) -> Self {
        TicketJson {
            number: t.number,
            id: &t.id,
            subject: t.subject.as_str(),
            status: t.status.as_str(),
            priority: t.priority.as_str(),
            kind: t.kind.as_str(),
            channel: t.channel.as_str(),
            customer: t.customer.as_ref().map(|c| c.as_str()),
            assignee: t.assignee.as_ref().map(|a| a.as_str()),
            created_at: rfc3339(t.created_at),
            updated_at: rfc3339(t.updated_at),
            solved_at: t.solved_at.map(rfc3339),
            sla_target: t.sla.target.map(|t| t.as_str()),
            sla_due_at: t.sla.due_at.map(rfc3339),
            sla_paused: t.sla.paused,
            loop_stage: t.loop_stage.map(|s| s.as_str()),
            follow_up_due_at: t.follow_up_due_at.map(rfc3339),
        }
    }
}

#[derive(serde::Serialize)]
struct MessageJson<'a> {
    id: &'a str,
    author_kind: &'a str,
    author: Option<&'a str>,
    visibility: &'a str,
    channel: Option<&'a str>,
    created_at: String,
    body: &'a str,
}

#[derive(serde::Serialize)]
struct DetailJson<'a> {
    #[serde(flatten)]
    ticket: TicketJson<'a>,
    customer_email: Option<&'a str>,
    group: Option<&'a str>,
    product: Option<&'a str>,
    first_response_at: Option<String>,
    closed_at: Option<String>,
    tags: Vec<&'a str>,
    links: &'a [i64],
    merged_into: Option<i64>,
    /// The complaint procedure's stage (接收 → 登记 → 调查 → 处理 → 回访); null for other kinds.
    complaint_stage: Option<&'static str>,
    version: i64,
    /// The fields declared to show by key (`domain::ticket_fields`, `Place::Details`).
    #[serde(flatten)]
    details: &'a crate::domain::ticket_fields::FieldValues,
    messages: Vec<MessageJson<'a>>,
    attachments: &'a [crate::store::attachments::AttachmentRow],
    collaborators: Vec<&'a str>,
}

const HEADER: &[&str] = &[
    "number", "priority", "status", "subject", "customer", "assignee", "updated",
];

fn cells(t: &TicketRow, format: ListFormat) -> Vec<String> {
    // A table is for people, in their language; CSV and JSON keep the stable names.
    let locale = match format {
        ListFormat::Table => super::locale::get(),
        ListFormat::Csv | ListFormat::Json => crate::i18n::Locale::En,
    };
    vec![
        number_cell(t.number, format),
        super::locale::priority(locale, t.priority),
        super::locale::status(locale, t.status),
        t.subject.to_string(),
        t.customer
            .as_ref()
            .map(|c| c.to_string())
            .unwrap_or_default(),
        t.assignee
            .as_ref()
            .map(|a| a.to_string())
            .unwrap_or_default(),
        short_date(t.updated_at),
    ]
}

pub fn run(
    store: &mut Store,
    cmd: TicketCmd,
    views: &[crate::domain::view::View],
    me: Option<&str>,
    now: i64,
    out: &mut Out<'_>,
) -> anyhow::Result<()> {
    use super::ticket_write as write;
    match cmd {
        TicketCmd::New(a) => write::new(store, &a, now, out)?,
        TicketCmd::Reply(a) => {
            let how = ReplyHow {
                by_mail: a.email,
                solution: a.solution,
            };
            write::message(store, &a.message, me, false, how, now, out)?
        }
        TicketCmd::Note(a) => write::message(store, &a, me, true, ReplyHow::default(), now, out)?,
        TicketCmd::Set(a) => write::set(store, &a, now, out)?,
        TicketCmd::Merge { number, into } => {
            let (n, target) = (write::parse_number(&number)?, write::parse_number(&into)?);
            store.merge_ticket(n, target, now)?;
            let line = say("said-ticket-merged", &[("n", &n), ("target", &target)]);
            writeln!(out, "{line}")?;
        }
        TicketCmd::Link { number, other } => {
            let (a, b) = (write::parse_number(&number)?, write::parse_number(&other)?);
            let added = store.link_tickets(a, b, now)?;
            let key = if added {
                "said-ticket-linked"
            } else {
                "said-ticket-already-linked"
            };
            writeln!(out, "{}", say(key, &[("a", &a), ("b", &b)]))?;
        }
        TicketCmd::Export(a) => super::ticket_transfer::export(store, views, me, &a, now, out)?,
        TicketCmd::Import(a) => super::ticket_transfer::import(store, &a, now, out)?,
        TicketCmd::History { number, format } => {
            history(store, write::parse_number(&number)?, format, out)?
        }
        TicketCmd::List { view, filter, list } => {
            let ListArgs { limit, format } = list;
            let filter = view_filter(store, views, &view, filter.as_deref(), now)?;
            let mut sink = Sink::new(out, format, HEADER);
            for_each_page(
                limit,
                |req, n| store.ticket_page(&filter, me, req, n),
                |rows| {
                    sink.batch(
                        rows,
                        |t| cells(t, format),
                        |t, w| serde_json::to_writer(w, &TicketJson::from(t)),
                    )
                },
            )?;
            sink.finish()?;
        }
        TicketCmd::Show { number, format } => {
            let n = write::parse_number(&number)?;
            // A merged ticket's number still finds its thread: show the ticket it was merged into.
            let resolved = store.resolve_number(n)?;
            if resolved != n && n < 0 {
                super::output::err_line(format_args!(
                    "{}",
                    say("said-ticket-renumbered", &[("n", &n), ("now", &resolved)])
                ));
            } else if resolved != n {
                super::output::err_line(format_args!(
                    "{}",
                    say("said-ticket-shown-merged", &[("n", &n), ("now", &resolved)])
                ));
            }
            let d = store
                .ticket_detail(resolved)?
                .ok_or(super::error_words::no_ticket(n))?;
            let field =
                super::ticket_field::TicketField::read(store, resolved, d.product.is_some(), now)?;
            match format {
                ShowFormat::Json => {
                    let mut v = serde_json::to_value(detail_json(&d))?;
                    field.add_json(&mut v)?;
                    serde_json::to_writer_pretty(out.json(), &v)?;
                    writeln!(out)?;
                }
                ShowFormat::Text => {
                    show_text(&d, out).context("writing the ticket")?;
                    field
                        .write(out, &store.service_rules().field)
                        .context("writing the ticket")?;
                }
            }
        }
    }
    Ok(())
}

/// Fetches pages by keyset until `limit` rows (0 = all), handing each page to `each` as it arrives.
/// A view narrowed by `--filter`, as `ticket list` and `ticket export` select tickets.
pub fn view_filter(
    store: &Store,
    views: &[crate::domain::view::View],
    view: &str,
    filter: Option<&str>,
    now: i64,
) -> anyhow::Result<crate::domain::view::TicketFilter> {
    let Some(v) = views
        .iter()
        .find(|v| v.name == view.trim().to_lowercase().replace('_', "-"))
    else {
        let names: Vec<&str> = views.iter().map(|v| v.name.as_str()).collect();
        bail!(super::UsageError(super::locale::say(
            "usage-ticket-unknown-view",
            &[("view", &view), ("views", &names.join(", "))],
        )));
    };
    let text = filter.unwrap_or("");
    let query = crate::domain::query::parse(text).map_err(|e| {
        super::UsageError(super::locale::say(
            "usage-labelled",
            &[
                ("label", &"--filter"),
                ("problem", &super::locale::parse_error(&e)),
            ],
        ))
    })?;
    // An agent or group nobody has is a typo, not an empty list.
    store.check_filter_names(text)?.map_err(|e| {
        super::UsageError(super::locale::say(
            "usage-labelled",
            &[
                ("label", &"--filter"),
                ("problem", &super::locale::parse_error(&e)),
            ],
        ))
    })?;
    let offset = i64::from(chrono::Local::now().offset().local_minus_utc());
    Ok(v.filter(now, offset).refine(&query, now, offset))
}

pub fn for_each_page<T: crate::app::paged::Keyed>(
    limit: usize,
    mut fetch: impl FnMut(PageRequest, usize) -> crate::store::Result<crate::store::Page<T>>,
    mut each: impl FnMut(&[T]) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    const PAGE: usize = 500;
    let mut done = 0;
    let mut req = PageRequest::First;
    loop {
        let want = if limit == 0 {
            PAGE
        } else {
            (limit - done).min(PAGE)
        };
        let page = fetch(req, want)?;
        each(&page.rows)?;
        done += page.rows.len();
        if page.at_end || (limit != 0 && done >= limit) {
            return Ok(());
        }
        match page.rows.last() {
            Some(last) => req = PageRequest::After(last.cursor()),
            None => return Ok(()),
        }
    }
}

fn detail_json(d: &TicketDetail) -> DetailJson<'_> {
    DetailJson {
        ticket: TicketJson::from(&d.row),
        customer_email: d.customer_email.as_ref().map(|s| s.as_str()),
        group: d.group.as_ref().map(|s| s.as_str()),
        product: d.product.as_ref().map(|s| s.as_str()),
        first_response_at: d.first_response_at.map(rfc3339),
        closed_at: d.closed_at.map(rfc3339),
        tags: d.tags.iter().map(|t| t.as_str()).collect(),
        links: &d.links,
        merged_into: d.merged_into,
        complaint_stage: d.complaint_stage.map(|s| s.as_str()),
        version: d.version,
        details: &d.details,
        messages: d
            .messages
            .iter()
            .map(|m| MessageJson {
                id: &m.id,
                author_kind: m.author_kind.as_str(),
                author: m.author.as_ref().map(|a| a.as_str()),
                visibility: if m.internal { "internal" } else { "public" },
                channel: m.channel.map(|c| c.as_str()),
                created_at: rfc3339(m.created_at),
                body: m.body.as_str(),
            })
            .collect(),
        attachments: &d.attachments,
        collaborators: d.collaborators.iter().map(|c| c.as_str()).collect(),
    }
}

fn show_text(d: &TicketDetail, out: &mut Out<'_>) -> std::io::Result<()> {
    use super::locale::{self, get};
    let l = get();
    let label = |name: &str| crate::i18n::tr(l, &format!("cli-show-{name}"));
    let t = &d.row;
    writeln!(
        out,
        "#{} {}",
        crate::domain::ticket::shown_number(t.number),
        t.subject
    )?;
    writeln!(
        out,
        "{} {} · {} {} · {} {} · {} {}",
        label("status"),
        locale::status(l, t.status),
        label("priority"),
        locale::priority(l, t.priority),
        label("kind"),
        t.kind.as_str(),
        label("channel"),
        t.channel.as_str()
    )?;
    writeln!(
        out,
        "{} {} · {} {} · {} {}",
        label("customer"),
        t.customer
            .as_ref()
            .map_or("-".to_string(), |c| c.to_string()),
        label("assignee"),
        t.assignee
            .as_ref()
            .map_or("-".to_string(), |a| a.to_string()),
        label("group"),
        d.group.as_ref().map_or("-".to_string(), |g| g.to_string())
    )?;
    writeln!(
        out,
        "{} {} · {} {}",
        label("created"),
        short_date(t.created_at),
        label("updated"),
        short_date(t.updated_at)
    )?;
    let details: Vec<String> = crate::domain::ticket_fields::TICKET_FIELDS
        .iter()
        .filter(|f| f.place == crate::domain::ticket_fields::Place::Details)
        .filter_map(|f| {
            let raw = d.details.text(f.field)?;
            let local = chrono::Local::now().offset().local_minus_utc();
            let value = crate::domain::ticket_fields::show_value(
                f.show,
                &raw,
                &|_, _| None,
                local,
                "%Y-%m-%d %H:%M",
            );
            Some(format!("{} {value}", f.key))
        })
        .collect();
    if !details.is_empty() {
        writeln!(out, "{}", details.join(" · "))?;
    }
    for m in &d.messages {
        let who = m
            .author
            .as_ref()
            .map_or_else(|| label("unknown-author"), |a| a.to_string());
        let role = if m.internal {
            label("internal-note")
        } else {
            m.author_kind.as_str().to_string()
        };
        writeln!(out, "\n--- {who} ({role}) {}", short_date(m.created_at))?;
        writeln!(out, "{}", m.body)?;
        for a in d.attachments.iter().filter(|a| a.message_id == m.id) {
            let size = crate::domain::intake::human_size(a.size.max(0) as u64);
            writeln!(
                out,
                "[{} {} · {size} · {}]",
                label("attachment"),
                a.name,
                a.id
            )?;
        }
    }
    if !d.collaborators.is_empty() {
        let cc: Vec<&str> = d.collaborators.iter().map(|c| c.as_str()).collect();
        writeln!(out, "\n{}: {}", label("copied"), cc.join(", "))?;
    }
    Ok(())
}

fn history(
    store: &Store,
    number: i64,
    format: ShowFormat,
    out: &mut Out<'_>,
) -> anyhow::Result<()> {
    let d = store
        .ticket_detail(number)?
        .ok_or(super::error_words::no_ticket(number))?;
    let rows = store.history("ticket", &d.row.id)?;
    let names = |show, id: &str| store.name_of(show, id).ok().flatten();
    let words = super::ticket_write::change_words(&names);
    match format {
        ShowFormat::Json => {
            // The raw entry for scripts, and `who` and `change` as the text history words them.
            let json: Vec<serde_json::Value> = rows
                .iter()
                .map(|h| {
                    let change =
                        describe_change(&h.field, h.old.as_deref(), h.new.as_deref(), &words);
                    serde_json::json!({
                        "seq": h.seq, "at": rfc3339(h.at), "actor": h.actor, "who": h.who,
                        "field": h.field, "old": h.old, "new": h.new,
                        "change": crate::domain::text::sanitize(&change),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(out.json(), &json)?;
            writeln!(out)?;
        }
        ShowFormat::Text => {
            let locale = super::locale::get();
            for h in rows {
                let change = crate::i18n::changes::describe(
                    locale,
                    &h.field,
                    h.old.as_deref(),
                    h.new.as_deref(),
                    &words,
                );
                let text = crate::domain::text::sanitize(&format!(
                    "{} {} {change}",
                    short_date(h.at),
                    h.who
                ));
                writeln!(out, "{text}")?;
            }
        }
    }
    Ok(())
}
