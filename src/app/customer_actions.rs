//! The Customers pane's actions: views, notes and the profile form in `$EDITOR`, creating, merging duplicates,
//! care tasks, and the jump back to the ticket the agent came from.

use super::msg::{EditPurpose, Effect};
use super::protocol::{CustomerOutcome, CustomerRequest, Outcome, TicketRequest};
use super::update::{say, toast};
use super::update_lists::{
    customer_count, customer_page, customer_viewport, load_selected_customer, open_ticket,
    reload_customers,
};
use super::{CustomerFocus, Model, Overlay, Pane, PickAction};
use crate::domain::customer::TierSource;
use crate::domain::customer_view::CustomerView;
use crate::i18n::{Locale, tr, tr_args};
use crate::store::customer_write::{CustomerEdit, CustomerEditError};
use crate::store::customers::CustomerDetail;
use crate::store::customers::CustomerRow;

pub(super) fn select_view(model: &mut Model, step: isize) -> Vec<Effect> {
    let all = CustomerView::ALL;
    let i = all
        .iter()
        .position(|v| *v == model.customers.view)
        .unwrap_or(0) as isize;
    model.customers.view = all[(i + step).rem_euclid(all.len() as isize) as usize];
    model.customers.focus = CustomerFocus::List;
    model.customers.detail = None;
    vec![reload_customers(model)]
}

fn detail(model: &mut Model) -> Option<CustomerDetail> {
    let d = model.customers.detail.as_deref().cloned();
    if d.is_none() {
        say(model, "customers-select-first", &[], false);
    }
    d
}

pub(super) fn edit_notes(model: &mut Model) -> Vec<Effect> {
    let Some(d) = detail(model) else {
        return Vec::new();
    };
    model.customers.editing = Some((d.row.id.clone(), d.version));
    vec![Effect::Edit {
        purpose: EditPurpose::CustomerNotes,
        template: d.notes.to_string(),
    }]
}

/// The comment lines above the profile form's fields, in the locale.
fn form_help(l: Locale) -> String {
    [
        "profile-help-lines",
        "profile-help-tier",
        "profile-help-gender",
        "profile-help-time",
    ]
    .iter()
    .map(|key| format!("# {}\n", tr(l, key)))
    .collect()
}

/// Marker of the comment desk adds to a form it hands back because it could not be saved.
fn not_saved(l: Locale) -> String {
    format!("# {}", tr(l, "profile-not-saved"))
}

/// The profile form: `field: value` lines under their help, which is in the locale (the fields are not).
pub fn profile_form(l: Locale, d: Option<&CustomerDetail>) -> String {
    let text = |v: Option<String>| v.unwrap_or_default();
    let opt =
        |v: Option<&crate::domain::text::SafeText>| v.map(|s| s.to_string()).unwrap_or_default();
    let (gender, channel, time) = match d {
        Some(d) => (
            opt(d.gender.as_ref()),
            opt(d.contact_channel.as_ref()),
            opt(d.contact_time.as_ref()),
        ),
        None => Default::default(),
    };
    let (name, email, phone, org, tier, birthday, city) = match d {
        Some(d) => (
            d.row.name.to_string(),
            text(d.row.email.as_ref().map(|s| s.to_string())),
            text(d.row.phone.as_ref().map(|s| s.to_string())),
            text(d.row.organization.as_ref().map(|s| s.to_string())),
            if d.tier_source == TierSource::Manual {
                d.row.tier.as_str().to_string()
            } else {
                "auto".to_string()
            },
            text(d.birthday.as_ref().map(|s| s.to_string())),
            text(d.row.city.as_ref().map(|s| s.to_string())),
        ),
        None => Default::default(),
    };
    let tier = if tier.is_empty() { "auto".into() } else { tier };
    // Named as the constant it was, so the form's machine part reads the same.
    #[allow(non_snake_case)]
    let FORM_HELP = form_help(l);
    format!(
        "{FORM_HELP}name: {name}\nemail: {email}\nphone: {phone}\norg: {org}\ntier: {tier}\nbirthday: {birthday}\ncity: {city}\n\
         gender: {gender}\ncontact_channel: {channel}\ncontact_time: {time}\n"
    )
}

/// A profile form that cannot be saved; `line` is 1-based. Shown in the locale by [`FormError::describe`]
/// (`Display` is the English).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormError {
    NotAField {
        line: usize,
    },
    Edit {
        line: usize,
        problem: CustomerEditError,
    },
}

impl FormError {
    pub fn describe(&self, l: Locale) -> String {
        match self {
            FormError::NotAField { line } => {
                tr_args(l, "profile-not-a-field", &[("line", (*line).into())])
            }
            FormError::Edit { line, problem } => {
                let args = [
                    ("line", (*line).into()),
                    ("problem", problem.to_string().into()),
                ];
                tr_args(l, "profile-line-problem", &args)
            }
        }
    }
}

impl std::fmt::Display for FormError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(Locale::En))
    }
}

impl std::error::Error for FormError {}

/// Reads the profile form back; an error names the line.
pub fn parse_form(text: &str) -> Result<Vec<CustomerEdit>, FormError> {
    let mut edits = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let (n, line) = (i + 1, line.trim());
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (field, value) = line
            .split_once(':')
            .ok_or(FormError::NotAField { line: n })?;
        let at = |problem| FormError::Edit { line: n, problem };
        let edit = CustomerEdit::parse(field, value).map_err(at)?;
        edit.check().map_err(at)?;
        edits.push(edit);
    }
    Ok(edits)
}

pub(super) fn edit_profile(model: &mut Model) -> Vec<Effect> {
    let Some(d) = detail(model) else {
        return Vec::new();
    };
    model.customers.editing = Some((d.row.id.clone(), d.version));
    vec![Effect::Edit {
        purpose: EditPurpose::CustomerProfile,
        template: profile_form(model.locale, Some(&d)),
    }]
}

pub(super) fn create(model: &mut Model) -> Vec<Effect> {
    vec![Effect::Edit {
        purpose: EditPurpose::NewCustomer,
        template: profile_form(model.locale, None),
    }]
}

pub(super) fn on_edited(model: &mut Model, purpose: EditPurpose, text: String) -> Vec<Effect> {
    let at = model.now;
    let editing = model.customers.editing.take();
    let request = match purpose {
        EditPurpose::CustomerNotes => {
            let Some((id, version)) = editing else {
                return Vec::new();
            };
            let notes = text.trim_end().to_string();
            if model
                .customers
                .detail
                .as_ref()
                .is_some_and(|d| d.notes.as_str() == notes)
            {
                say(model, "customers-notes-unchanged", &[], false);
                return Vec::new();
            }
            CustomerRequest::Edit {
                id,
                expected_version: version,
                edits: vec![CustomerEdit::Notes(notes)],
                at,
            }
        }
        EditPurpose::CustomerProfile | EditPurpose::NewCustomer => {
            let marker = not_saved(model.locale);
            let kept: String = text
                .lines()
                .filter(|l| !l.starts_with(&marker))
                .map(|l| format!("{l}\n"))
                .collect();
            if crate::domain::text::strip_template(&kept).is_empty() {
                say(model, "customers-nothing-saved", &[], false);
                return Vec::new();
            }
            let edits = match parse_form(&kept) {
                Ok(e) => e,
                Err(e) => {
                    // Hand the form back with the reason, so nothing typed is lost (as the article editor does).
                    model.customers.editing = editing;
                    let e = e.describe(model.locale);
                    say(
                        model,
                        "customers-not-saved",
                        &[("error", e.as_str().into())],
                        true,
                    );
                    let fix = tr(model.locale, "customers-form-fix");
                    return vec![Effect::Edit {
                        purpose,
                        template: format!("{kept}{marker} {e}. {fix}\n"),
                    }];
                }
            };
            match (purpose, editing) {
                (EditPurpose::CustomerProfile, Some((id, version))) => CustomerRequest::Edit {
                    id,
                    expected_version: version,
                    edits,
                    at,
                },
                (EditPurpose::NewCustomer, _) => {
                    if !edits
                        .iter()
                        .any(|e| matches!(e, CustomerEdit::Name(n) if !n.is_empty()))
                    {
                        say(model, "customers-needs-name", &[], false);
                        return Vec::new();
                    }
                    CustomerRequest::Create { edits, at }
                }
                _ => return Vec::new(),
            }
        }
        _ => return Vec::new(),
    };
    vec![Effect::load(request)]
}

/// Keeps the list's selection and the profile on the same customer. When the list leads (it has the focus), the
/// profile follows its selection, and an empty list shows no profile. When the profile leads (opened from a
/// ticket, a customer just added), the list selects that customer: where it is loaded, else among all customers,
/// around it.
pub(super) fn follow_profile(model: &mut Model) -> Vec<Effect> {
    let c = &mut model.customers;
    let leading = match &c.detail {
        Some(d) if c.focus == CustomerFocus::Profile => d.row.clone(),
        _ => {
            if c.list.rows.is_empty() && c.list.loading.is_none() {
                c.detail = None;
                c.focus = CustomerFocus::List;
            }
            return load_selected_customer(model).into_iter().collect();
        }
    };
    // A page on its way will ask again when it arrives.
    if c.list.loading.is_some() || c.list.selected_row().is_some_and(|r| r.id == leading.id) {
        return Vec::new();
    }
    let viewport = customer_viewport(model);
    let list = &mut model.customers.list;
    if let Some(i) = list.rows.iter().position(|r| r.id == leading.id) {
        let more = list.select(i, viewport);
        return more.map(|r| customer_page(model, r)).into_iter().collect();
    }
    // Not in this list (or not in the part loaded): show it where it is among all customers.
    model.customers.view = CustomerView::All;
    model.customers.filter.clear();
    let more = model.customers.list.seek(leading.in_live_list(), viewport);
    let mut fx: Vec<Effect> = more.map(|r| customer_page(model, r)).into_iter().collect();
    if model.customers.list.take_count_wanted() {
        fx.push(customer_count(model));
    }
    fx
}

pub(super) fn find_duplicates(model: &mut Model) -> Vec<Effect> {
    let Some(d) = detail(model) else {
        return Vec::new();
    };
    vec![Effect::load(CustomerRequest::Duplicates { id: d.row.id })]
}

pub(super) fn care_picker(model: &mut Model) -> Vec<Effect> {
    let Some(d) = detail(model) else {
        return Vec::new();
    };
    if d.care.is_empty() {
        let name = d.row.name.to_string();
        say(model, "customers-no-care", &[("name", name.into())], false);
        return Vec::new();
    }
    let options = d
        .care
        .iter()
        .map(|c| {
            let zone = chrono::FixedOffset::east_opt(model.utc_offset)
                .unwrap_or_else(|| chrono::Offset::fix(&chrono::Utc));
            let when = chrono::DateTime::from_timestamp(c.due_at, 0)
                .map(|t| t.with_timezone(&zone).format("%m-%d").to_string())
                .unwrap_or_default();
            let kind = tr(
                model.locale,
                if c.kind == "win_back" {
                    "customers-care-kind-win-back"
                } else {
                    "customers-care-kind-care"
                },
            );
            (
                format!(
                    "{kind} {when} · {}",
                    crate::i18n::crm_words::task_note(model.locale, &c.note)
                ),
                PickAction::CareDone(c.id.clone()),
            )
        })
        .collect();
    model.overlay = Some(Overlay::Picker {
        title: tr(model.locale, "customers-mark-done"),
        options,
        selected: 0,
        filter: Default::default(),
        targets: None,
    });
    Vec::new()
}

pub(super) fn pick(model: &mut Model, action: PickAction) -> Vec<Effect> {
    let Some(d) = model.customers.detail.as_deref() else {
        return Vec::new();
    };
    let into = d.row.id.clone();
    let at = model.now;
    match action {
        PickAction::MergeCustomer(from, summary) => {
            super::merge::confirm_customer_merge(model, from, summary)
        }
        PickAction::CareDone(task_id) => vec![Effect::load(CustomerRequest::CareDone {
            customer_id: into,
            task_id,
            at,
        })],
        _ => Vec::new(),
    }
}

/// From a ticket to its customer's profile, remembering the ticket for the way back.
pub(super) fn open_ticket_customer(model: &mut Model) -> Vec<Effect> {
    let Some(id) = model
        .ticket
        .detail
        .as_ref()
        .and_then(|d| d.customer_id.clone())
    else {
        say(model, "customers-ticket-has-none", &[], false);
        return Vec::new();
    };
    model.customers.from_ticket = model.ticket.number;
    let mut fx = super::nav::go(model, Pane::Customers);
    model.customers.focus = CustomerFocus::Profile;
    model.customers.jumped = true;
    model.customers.timeline_selected = 0;
    fx.push(Effect::load(CustomerRequest::Detail { id }));
    fx
}

pub(super) fn back_to_ticket(model: &mut Model) -> Vec<Effect> {
    match model.customers.from_ticket {
        Some(n) if model.ticket.number == Some(n) && model.ticket.detail.is_some() => {
            model.pane = Pane::Ticket;
            Vec::new()
        }
        Some(n) => open_ticket(model, n),
        None => {
            say(model, "customers-not-from-ticket", &[], false);
            Vec::new()
        }
    }
}

/// A customer write finished or was refused.
pub(super) fn on_saved(
    model: &mut Model,
    id: String,
    result: Outcome<CustomerOutcome>,
) -> Vec<Effect> {
    let done = match result {
        Ok(done) => done,
        Err(e) if id.is_empty() => {
            say(
                model,
                "customers-not-added",
                &[("error", e.said(model.locale).into())],
                true,
            );
            return Vec::new();
        }
        Err(e) => {
            say(
                model,
                "customers-not-saved",
                &[("error", e.said(model.locale).into())],
                true,
            );
            model.customers.focus = CustomerFocus::Profile;
            return vec![
                Effect::load(CustomerRequest::Detail { id }),
                Effect::load(TicketRequest::Counts),
            ];
        }
    };
    let words = saved_words(model.locale, &done);
    toast(model, words, false);
    model.customers.focus = CustomerFocus::Profile;
    vec![
        Effect::load(CustomerRequest::Detail { id }),
        Effect::load(TicketRequest::Counts),
        reload_customers(model),
    ]
}

/// What a customer write's toast says.
fn saved_words(l: Locale, done: &CustomerOutcome) -> String {
    match done {
        CustomerOutcome::Edited(fields) if fields.is_empty() => tr(l, "customers-nothing-changed"),
        CustomerOutcome::Edited(fields) => {
            let fields = fields.join(", ");
            tr_args(l, "customers-saved", &[("fields", fields.into())])
        }
        CustomerOutcome::Created => tr(l, "customers-added"),
        CustomerOutcome::Merged {
            tickets,
            products,
            orders,
        } => tr_args(
            l,
            "customers-merged",
            &[
                ("tickets", (*tickets).into()),
                ("products", (*products).into()),
                ("orders", (*orders).into()),
            ],
        ),
        CustomerOutcome::CareDone => tr(l, "customers-care-done"),
    }
}

/// Customers sharing this one's email or phone: offered as a merge picker.
pub(super) fn on_duplicates(model: &mut Model, id: String, rows: Vec<CustomerRow>) {
    if model
        .customers
        .detail
        .as_ref()
        .is_none_or(|d| d.row.id != id)
    {
        return;
    }
    if rows.is_empty() {
        say(model, "customers-no-duplicates", &[], false);
        return;
    }
    let options = rows
        .into_iter()
        .map(|r| {
            let contact = [r.email.as_ref(), r.phone.as_ref()]
                .into_iter()
                .flatten()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(" · ");
            let summary = format!("{} · {contact} · {}", r.name, model.tier_name(r.tier));
            (
                format!("{} · {contact}", r.name),
                PickAction::MergeCustomer(r.id, summary),
            )
        })
        .collect();
    model.overlay = Some(Overlay::Picker {
        title: tr(model.locale, "customers-merge-which"),
        options,
        selected: 0,
        filter: Default::default(),
        targets: None,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_profile_form_reads_back() {
        let form = profile_form(Locale::En, None).replace("name: \n", "name: Wang Fang\n");
        let edits = parse_form(&form).unwrap();
        assert!(edits.contains(&CustomerEdit::Tier(None)));
        assert!(edits.contains(&CustomerEdit::Email(None)));
        let edits = parse_form("# help\nname: Li Lei\ntier: gold\nbirthday: 05-01\n").unwrap();
        assert_eq!(
            edits,
            vec![
                CustomerEdit::Name("Li Lei".into()),
                CustomerEdit::Tier(Some(crate::domain::customer::Tier::Gold)),
                CustomerEdit::Birthday(Some("05-01".into())),
            ]
        );
        let e = parse_form("name: x\nshoe: 42").unwrap_err();
        assert_eq!(
            e,
            FormError::Edit {
                line: 2,
                problem: CustomerEditError::UnknownField {
                    field: "shoe".into()
                }
            }
        );
        assert_eq!(
            e.to_string(),
            "line 2: `shoe` is not a customer field (fields: name, email, phone, org, tier, birthday, city, address, notes, \
             gender, contact_channel, contact_time, tags+=, tags-=)"
        );
        assert!(
            parse_form("email: nope")
                .unwrap_err()
                .to_string()
                .starts_with("line 1: `nope` is not an email")
        );
        let edits = parse_form(
            "gender: female\ncontact_channel: WeChat\ncontact_time: 工作日 18:00-21:00\n",
        )
        .unwrap();
        assert_eq!(
            edits,
            vec![
                CustomerEdit::Gender(Some(crate::domain::customer_profile::Gender::Female)),
                CustomerEdit::ContactChannel(Some(crate::domain::ticket::Channel::Wechat)),
                CustomerEdit::ContactTime(Some(
                    crate::domain::customer_profile::ContactTime::parse("weekdays 18:00-21:00")
                        .unwrap()
                )),
            ]
        );
        let e = parse_form("contact_time: evenings")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("line 1: `evenings` is not a contact time"),
            "{e}"
        );
        assert!(
            parse_form("gender: robot")
                .unwrap_err()
                .to_string()
                .contains("unknown")
        );
        let e = parse_form("# help\n\njust text").unwrap_err();
        assert_eq!(e, FormError::NotAField { line: 3 });
        assert_eq!(e.to_string(), "line 3: write `field: value`");
    }
}
