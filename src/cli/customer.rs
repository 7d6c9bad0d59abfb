//! `desk customer list|show|recompute|care` (edits, merges, import and export: `customer_edit`, `customer_io`).

use super::locale::say;
use super::output::Out;
use super::output::{ListArgs, ListFormat, ShowFormat, Sink, rfc3339, short_date};
use super::ticket::for_each_page;
use crate::domain::customer::warranty_state;
use crate::domain::customer_view::{CustomerSort, CustomerView};
use crate::domain::text::SafeText;
use crate::store::Store;
use crate::store::customers::{CustomerDetail, CustomerRow};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum CustomerCmd {
    /// List customers in a view, narrowed by a filter in the view language
    List {
        /// Built-in view: all, vip, at-risk, new, warranty, care
        #[arg(long, default_value = "all")]
        view: String,
        /// e.g. `tier:diamond risk:high stage:at-risk warranty:<30d org:"Acme" wang`
        #[arg(long)]
        filter: Option<String>,
        /// Only customers whose name, email or phone contains this text
        #[arg(long)]
        search: Option<String>,
        #[command(flatten)]
        list: ListArgs,
    },
    /// Show a customer's profile by id or email (a merged duplicate's id shows the survivor)
    Show {
        id_or_email: String,
        #[arg(long, value_enum, default_value = "text")]
        format: ShowFormat,
    },
    /// Recompute every customer's tier, lifecycle stage and churn risk, and schedule care reminders
    Recompute {
        #[arg(long, value_enum, default_value = "text")]
        format: ShowFormat,
    },
    /// Care reminders (birthdays, anniversaries) and win-back tasks that are due
    Care {
        /// today, 7d (the next seven days), overdue, or all
        #[arg(long, default_value = "7d")]
        due: String,
        /// Mark this care task done (its id from the list)
        #[arg(long)]
        done: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// A customer's addresses: add, list, default, remove
    Address {
        #[command(subcommand)]
        cmd: super::customer_address::AddressCmd,
    },
    #[command(flatten)]
    Edit(super::customer_edit::EditCmd),
}

const HEADER: &[&str] = &[
    "id",
    "name",
    "tier",
    "stage",
    "risk",
    "email",
    "phone",
    "organization",
];

fn opt(v: &Option<SafeText>) -> String {
    v.as_ref().map(|s| s.to_string()).unwrap_or_default()
}

/// A row's cells; the table names tiers as the team does (`crm.tier_names`), CSV keeps the stable key.
/// A row's cells; `tier_names` only for a table, which is for people: tiers, stages and risks then read in the
/// CLI's language (a tier the team renamed by its name), while CSV keeps the stable names.
fn cells(c: &CustomerRow, tier_names: Option<&[String; 4]>) -> Vec<String> {
    use crate::domain::crm::RiskLevel;
    use crate::i18n::{Locale, tr_of};
    let locale = match tier_names {
        Some(_) => super::locale::get(),
        None => Locale::En,
    };
    let tier = match tier_names {
        Some(names) => crate::i18n::crm_words::tier_name(locale, names, c.tier),
        None => c.tier.as_str().to_string(),
    };
    let (stage, risk) = match locale {
        Locale::En => (
            c.stage.as_str().to_string(),
            c.risk_level.as_str().to_string(),
        ),
        l => (
            tr_of(l, "customers-stage-", c.stage.as_str()),
            match c.risk_level {
                RiskLevel::None => "-".to_string(),
                r => tr_of(l, "customers-risk-cell-", r.as_str()),
            },
        ),
    };
    vec![
        c.id.clone(),
        c.name.to_string(),
        tier,
        stage,
        risk,
        opt(&c.email),
        opt(&c.phone),
        opt(&c.organization),
    ]
    .into_iter()
    .chain(c.view_date.map(short_date))
    .collect()
}

fn usage(msg: String) -> anyhow::Error {
    super::UsageError(msg).into()
}

pub fn run(store: &mut Store, cmd: CustomerCmd, now: i64, out: &mut Out<'_>) -> anyhow::Result<()> {
    match cmd {
        CustomerCmd::List {
            view,
            filter,
            search,
            list,
        } => {
            let v = CustomerView::parse(&view).ok_or_else(|| {
                usage(say(
                    "usage-customer-view",
                    &[
                        ("view", &view),
                        ("views", &"all, vip, at-risk, new, warranty, care"),
                    ],
                ))
            })?;
            let mut f = v
                .filter(filter.as_deref().unwrap_or(""), now)
                .map_err(|e| {
                    usage(say(
                        "usage-labelled",
                        &[
                            ("label", &"--filter"),
                            ("problem", &super::locale::parse_error(&e)),
                        ],
                    ))
                })?;
            if let Some(s) = search {
                f.text = Some(s);
            }
            let ListArgs { limit, format } = list;
            // A view ordered by a date shows it last.
            let dated = match f.sort {
                CustomerSort::Expiry => Some("warranty_until"),
                CustomerSort::CareDue => Some("care_due"),
                CustomerSort::Updated | CustomerSort::Risk | CustomerSort::Created => None,
            };
            let header: Vec<&str> = HEADER.iter().copied().chain(dated).collect();
            let names = store.service_rules().crm.tier_names.clone();
            let names = (format == ListFormat::Table).then_some(&names);
            let mut sink = Sink::new(out, format, &header);
            for_each_page(
                limit,
                |req, n| store.customer_page(&f, req, n),
                |rows| {
                    sink.batch(
                        rows,
                        |c| cells(c, names),
                        |c, w| serde_json::to_writer(w, c),
                    )
                },
            )?;
            sink.finish()?;
        }
        CustomerCmd::Show {
            id_or_email,
            format,
        } => {
            let d = store
                .customer_detail(&id_or_email)?
                .ok_or_else(|| super::error_words::no_customer(&id_or_email))?;
            match format {
                ShowFormat::Json => {
                    let names = &store.service_rules().crm.tier_names;
                    serde_json::to_writer_pretty(out.json(), &show_json(&d, names)?)?;
                    writeln!(out)?;
                }
                ShowFormat::Text => {
                    let names = store.service_rules().crm.tier_names.clone();
                    show_text(&d, &names, now, out)?
                }
            }
        }
        CustomerCmd::Recompute { format } => {
            let show = format == ShowFormat::Text && super::output::stderr_is_terminal();
            let started = std::time::Instant::now();
            let sum = super::output::with_progress(
                show,
                "{bar:40} {pos}/{len} customers ({per_sec}, {eta} left)",
                |step| store.recompute_customers(now, &mut |d, t| step(d as u64, t as u64)),
            )?;
            let care = store.schedule_care(now)?;
            match format {
                ShowFormat::Json => {
                    let mut v = serde_json::to_value(sum)?;
                    v["care_tasks"] = care.into();
                    serde_json::to_writer_pretty(out.json(), &v)?;
                    writeln!(out)?;
                }
                ShowFormat::Text => {
                    let seconds = format!("{:.1}", started.elapsed().as_secs_f64());
                    let line = say(
                        "said-customer-recomputed",
                        &[
                            ("customers", &sum.customers),
                            ("seconds", &seconds),
                            ("upgraded", &sum.upgraded),
                            ("downgraded", &sum.downgraded),
                            ("stages", &sum.stage_changes),
                            ("risky", &sum.turned_high_risk),
                            ("win-back", &sum.win_back_tasks),
                            ("care", &care),
                        ],
                    );
                    writeln!(out, "{line}")?
                }
            }
        }
        CustomerCmd::Care { due, done, format } => {
            if let Some(task) = done {
                store.complete_care(&task, None, now)?;
                writeln!(
                    out,
                    "{}",
                    say("said-customer-care-done", &[("task", &task)])
                )?;
                return Ok(());
            }
            store.schedule_care(now)?;
            let crm = store.service_rules().crm.clone();
            let today = crm.local_date(now);
            let day_after = |days: i64| crm.local_time(today + chrono::Duration::days(days), 0);
            let until = match due.as_str() {
                "today" => Some(day_after(1)),
                "7d" | "week" => Some(day_after(8)),
                "overdue" => Some(now),
                "all" => None,
                other => {
                    return Err(usage(say("usage-customer-due", &[("value", &other)])));
                }
            };
            let items = store.care_due(until, 10_000)?;
            // A table is for people: desk's own notes in the CLI's language; CSV and JSON keep English.
            let locale = match format {
                ListFormat::Table => super::locale::get(),
                _ => crate::i18n::Locale::En,
            };
            let mut sink = Sink::new(out, format, &["task", "customer", "kind", "due", "note"]);
            sink.batch(
                &items,
                |c| {
                    vec![
                        c.task_id.clone(),
                        c.customer.to_string(),
                        super::locale::care_kind(locale, &c.kind),
                        short_date(c.due_at),
                        crate::i18n::crm_words::task_note(locale, &c.note),
                    ]
                },
                |c, w| serde_json::to_writer(w, c),
            )?;
            sink.finish()?;
        }
        CustomerCmd::Address { cmd } => super::customer_address::run(store, cmd, now, out)?,
        CustomerCmd::Edit(cmd) => super::customer_edit::run(store, cmd, now, out)?,
    }
    Ok(())
}

/// The profile as JSON: the stored reasons as the English sentences they always were (a machine format does not
/// follow the locale).
fn show_json(d: &CustomerDetail, names: &[String; 4]) -> anyhow::Result<serde_json::Value> {
    use crate::i18n::{Locale, crm_words};
    let mut v = serde_json::to_value(d)?;
    if let Some(o) = v.as_object_mut() {
        let en = Locale::En;
        o.insert(
            "tier_reason".into(),
            crm_words::tier_why(en, &d.tier_reason, names).into(),
        );
        o.insert(
            "stage_reason".into(),
            crm_words::stage_why(en, &d.stage_reason).into(),
        );
        let signals: Vec<String> = d
            .risk_signals
            .iter()
            .map(|s| crm_words::weighted_signal(en, s))
            .collect();
        o.insert("risk_signals".into(), signals.into());
    }
    Ok(v)
}

fn show_text(
    d: &CustomerDetail,
    names: &[String; 4],
    now: i64,
    out: &mut Out<'_>,
) -> anyhow::Result<()> {
    use crate::i18n::crm_words;
    let locale = super::locale::get();
    let r = &d.row;
    let tier = crm_words::tier_name(locale, names, r.tier);
    let dash = |v: &Option<SafeText>| v.as_ref().map_or("-".to_string(), |s| s.to_string());
    let mut line = |text: String| writeln!(out, "{text}");
    line(format!("{} ({})", r.name, r.id))?;
    line(say(
        "said-customer-contact",
        &[("email", &dash(&r.email)), ("phone", &dash(&r.phone))],
    ))?;
    line(say(
        "said-customer-organization",
        &[
            ("organization", &dash(&r.organization)),
            ("city", &dash(&r.city)),
            ("since", &rfc3339(r.created_at)),
        ],
    ))?;
    for a in &d.addresses {
        let address = match Some(a.label.as_str()).filter(|l| !l.is_empty()) {
            Some(label) => say(
                "said-customer-address-labelled",
                &[("label", &label), ("address", &a.address)],
            ),
            None => say("said-customer-address", &[("address", &a.address)]),
        };
        line(if a.is_default {
            say("said-customer-address-default", &[("address", &address)])
        } else {
            address
        })?;
    }
    // English keeps the stored words scripts read; Chinese reads them as the interface words them.
    let en = locale == crate::i18n::Locale::En;
    let shown = |stored: &str, chinese: &dyn Fn(&str) -> String| match en {
        true => stored.to_string(),
        false => chinese(stored),
    };
    let word = |stored: &str, key: &str| super::locale::field_word(locale, stored, key, stored);
    let gender = d.gender.as_ref().map(|g| {
        let g = shown(g.as_str(), &|s| crm_words::gender(locale, s));
        say("said-customer-gender", &[("gender", &g)])
    });
    let channel = (d.contact_channel.as_ref())
        .map(|c| shown(c.as_str(), &|s| crm_words::contact_channel(locale, s)));
    let time = (d.contact_time.as_ref())
        .map(|t| shown(t.as_str(), &|s| crm_words::contact_time(locale, s)));
    let when: Vec<String> = channel.into_iter().chain(time).collect();
    let prefers =
        (!when.is_empty()).then(|| say("said-customer-prefers", &[("when", &when.join(", "))]));
    let personal: Vec<String> = gender.into_iter().chain(prefers).collect();
    if !personal.is_empty() {
        line(personal.join(" · "))?;
    }
    if !d.tags.is_empty() {
        let tags: Vec<String> = d.tags.iter().map(|t| t.to_string()).collect();
        line(say("said-customer-tags", &[("tags", &tags.join(", "))]))?;
    }
    line(say(
        "said-customer-tier",
        &[
            ("tier", &tier),
            (
                "source",
                &word(d.tier_source.as_str(), "customers-tier-source-"),
            ),
            (
                "reason",
                &crm_words::tier_why(locale, &d.tier_reason, names),
            ),
        ],
    ))?;
    line(say(
        "said-customer-stage",
        &[
            ("stage", &word(r.stage.as_str(), "customers-stage-")),
            ("reason", &crm_words::stage_why(locale, &d.stage_reason)),
        ],
    ))?;
    line(say(
        "said-customer-risk",
        &[
            ("level", &word(r.risk_level.as_str(), "customers-risk-")),
            ("score", &r.risk_score),
        ],
    ))?;
    for s in &d.risk_signals {
        line(format!("  - {}", crm_words::weighted_signal(locale, s)))?;
    }
    line(say(
        "said-customer-orders",
        &[
            ("count", &d.orders.count),
            (
                "total",
                &format!("{:.2}", d.orders.total_cents as f64 / 100.0),
            ),
            ("rfm", &d.rfm.as_deref().unwrap_or("-")),
        ],
    ))?;
    if let Some(clv) = d.value.clv_cents {
        let buyer = if d.value.repeat_buyer {
            say("said-customer-repeat-buyer", &[])
        } else {
            say("said-customer-one-order", &[])
        };
        line(say(
            "said-customer-value",
            &[
                ("value", &format!("{:.2}", clv as f64 / 100.0)),
                ("per-year", &d.value.orders_per_year.unwrap_or_default()),
                ("buyer", &buyer),
            ],
        ))?;
    }
    for p in &d.products {
        line(say(
            "said-customer-product",
            &[
                ("name", &p.name),
                ("serial", &dash(&p.serial)),
                (
                    "warranty",
                    &crm_words::warranty(locale, warranty_state(p.warranty_until, now)),
                ),
            ],
        ))?;
    }
    for c in &d.care {
        line(say(
            "said-customer-care",
            &[
                ("kind", &super::locale::care_kind(locale, &c.kind)),
                ("due", &short_date(c.due_at)),
                ("note", &crm_words::task_note(locale, &c.note)),
            ],
        ))?;
    }
    if !d.notes.is_empty() {
        line(format!("{}\n{}", say("said-customer-notes", &[]), d.notes))?;
    }
    line(say("said-customer-timeline", &[("n", &d.open_tickets)]))?;
    for e in &d.timeline {
        let words = crate::i18n::timeline::entry_words(super::locale::get(), e);
        line(format!("  {} {words}", short_date(e.at)))?;
    }
    Ok(())
}
