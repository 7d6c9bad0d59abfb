//! The new-ticket form: a customer found by typing (name, email or phone) or created on the spot, subject, kind,
//! channel, priority and one of the customer's products; the first message is then written in the editor, and the
//! ticket opens once created.

use super::msg::{EditPurpose, Effect};
use super::protocol::{CustomerRequest, NewTicketCustomer, Outcome, TicketRequest};
use super::text_input::{TextInput, TextOp};
use super::update::say;
use super::{Model, Overlay};
use crate::domain::ticket::{Channel, Kind, Priority};
use crate::i18n::{Locale, tr, tr_args};
use crate::store::customer_write::CustomerEdit;
use crate::store::customers::CustomerRow;

/// Form fields in Tab order, by their labels' message keys.
pub const FIELDS: [&str; 6] = [
    "newticket-field-customer",
    "newticket-field-subject",
    "newticket-field-kind",
    "newticket-field-channel",
    "newticket-field-priority",
    "newticket-field-product",
];

#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewTicketForm {
    pub field: usize,
    pub customer_query: TextInput,
    pub matches: Vec<CustomerRow>,
    pub match_selected: usize,
    /// (id, name) once picked; the id is empty for a customer to be created with the ticket.
    pub customer: Option<(String, String)>,
    /// The picked customer's products (id, name); `product` 0 is "none", i is `products[i - 1]`.
    pub products: Vec<(String, crate::domain::text::SafeText)>,
    pub product: usize,
    pub subject: TextInput,
    pub kind: usize,
    pub channel: usize,
    pub priority: usize,
}

impl NewTicketForm {
    fn new() -> Self {
        NewTicketForm {
            channel: Channel::ALL
                .iter()
                .position(|c| *c == Channel::Phone)
                .unwrap_or(0),
            priority: Priority::ALL
                .iter()
                .position(|p| *p == Priority::Normal)
                .unwrap_or(0),
            ..Default::default()
        }
    }

    pub fn kind(&self) -> Kind {
        Kind::ALL[self.kind % Kind::ALL.len()]
    }
    pub fn channel(&self) -> Channel {
        Channel::ALL[self.channel % Channel::ALL.len()]
    }
    pub fn priority(&self) -> Priority {
        Priority::ALL[self.priority % Priority::ALL.len()]
    }

    /// The last entry under the matches: create a customer from what was typed.
    pub fn offers_new(&self) -> bool {
        !self.customer_query.value().trim().is_empty() && self.customer.is_none()
    }

    pub fn product_label(&self, l: Locale) -> String {
        self.product
            .checked_sub(1)
            .and_then(|i| self.products.get(i))
            .map_or_else(|| tr(l, "newticket-product-none"), |(_, n)| n.to_string())
    }

    /// The field being typed in (customer and subject), if the focus is on one.
    pub fn focused_text(&mut self) -> Option<&mut TextInput> {
        match self.field {
            0 => Some(&mut self.customer_query),
            1 => Some(&mut self.subject),
            _ => None,
        }
    }

    /// A new customer from typed text: an email gives the email (and the name before the @), else it is the name.
    pub fn new_customer(&self) -> (String, Option<String>) {
        let q = self.customer_query.value().trim();
        match q.split_once('@') {
            Some((name, _)) if !q.contains(' ') => (name.to_string(), Some(q.to_string())),
            _ => (q.to_string(), None),
        }
    }
}

pub(super) fn open(model: &mut Model) -> Vec<Effect> {
    model.overlay = Some(Overlay::NewTicket(Box::new(NewTicketForm::new())));
    Vec::new()
}

fn search(text: &str) -> Vec<Effect> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    vec![Effect::load(CustomerRequest::Matches {
        text: text.trim().to_string(),
    })]
}

fn cycle(i: &mut usize, len: usize, step: isize) {
    *i = ((*i as isize + step).rem_euclid(len as isize)) as usize;
}

/// The open form, if the new-ticket form is open.
fn form(model: &mut Model) -> Option<&mut NewTicketForm> {
    match model.overlay.as_mut() {
        Some(Overlay::NewTicket(form)) => Some(form),
        _ => None,
    }
}

pub(super) fn move_field(model: &mut Model, step: isize) -> Vec<Effect> {
    if let Some(form) = form(model) {
        cycle(&mut form.field, FIELDS.len(), step);
    }
    Vec::new()
}

pub(super) fn move_match(model: &mut Model, step: isize) -> Vec<Effect> {
    if let Some(form) = form(model).filter(|f| f.field == 0) {
        // One past the matches is "new customer" when it is offered.
        form.match_selected = form
            .match_selected
            .saturating_add_signed(step)
            .min(form.matches.len());
    }
    Vec::new()
}

/// ← / →: the next choice of a choice field; in a text field the cursor moves instead.
pub(super) fn step_choice(model: &mut Model, step: isize) -> Vec<Effect> {
    let Some(form) = form(model) else {
        return Vec::new();
    };
    if form.field < 2 {
        let op = if step < 0 {
            TextOp::Left
        } else {
            TextOp::Right
        };
        return super::overlay_keys::text(model, op);
    }
    match form.field {
        2 => cycle(&mut form.kind, Kind::ALL.len(), step),
        3 => cycle(&mut form.channel, Channel::ALL.len(), step),
        4 => cycle(&mut form.priority, Priority::ALL.len(), step),
        _ => cycle(&mut form.product, form.products.len() + 1, step),
    }
    Vec::new()
}

/// A plain key on a choice field: h / l / Space change the choice as ← / → do.
pub(super) fn choice_key(model: &mut Model, c: char) -> Vec<Effect> {
    match c {
        'h' => step_choice(model, -1),
        'l' | ' ' => step_choice(model, 1),
        _ => Vec::new(),
    }
}

/// Enter: on the customer field picks the match (or the new customer), on the subject goes on, elsewhere writes
/// the first message.
pub(super) fn enter(model: &mut Model) -> Vec<Effect> {
    let tier_priority = model.tier_priority;
    let l = model.locale;
    let Some(form) = form(model) else {
        return Vec::new();
    };
    match form.field {
        0 => {
            if let Some(c) = form.matches.get(form.match_selected) {
                let (id, name) = (c.id.clone(), c.name.to_string());
                // The customer's tier suggests the priority (VIPs start high); the agent can still change it.
                let suggested = tier_priority[c.tier.rank()];
                form.priority = Priority::ALL
                    .iter()
                    .position(|p| *p == suggested)
                    .unwrap_or(2);
                form.customer = Some((id.clone(), name.clone()));
                form.customer_query.set(&name);
                form.matches.clear();
                form.field = 1;
                return vec![Effect::load(CustomerRequest::Products { customer_id: id })];
            }
            if form.offers_new() {
                let (name, _) = form.new_customer();
                let shown = tr_args(l, "newticket-new-customer-picked", &[("name", name.into())]);
                form.customer = Some((String::new(), shown));
                form.matches.clear();
                form.products.clear();
                form.field = 1;
                return Vec::new();
            }
            say(model, "newticket-type-first", &[], false);
            Vec::new()
        }
        1 => {
            form.field = 2;
            Vec::new()
        }
        _ => submit(model),
    }
}

/// The customer text changed: forget the pick and look the customer up.
pub(super) fn text_changed(model: &mut Model) -> Vec<Effect> {
    let Some(form) = form(model).filter(|f| f.field == 0) else {
        return Vec::new();
    };
    form.customer = None;
    form.match_selected = 0;
    let text = form.customer_query.value().to_string();
    search(&text)
}

/// Checks the form and opens the editor for the customer's first message.
fn submit(model: &mut Model) -> Vec<Effect> {
    let Some(Overlay::NewTicket(form)) = &model.overlay else {
        return Vec::new();
    };
    let problem = if form.customer.is_none() {
        Some("newticket-pick-customer")
    } else if form.subject.value().trim().is_empty() {
        Some("newticket-subject-empty")
    } else {
        None
    };
    if let Some(p) = problem {
        say(model, p, &[], true);
        return Vec::new();
    }
    let l = model.locale;
    let customer = form.customer.as_ref().map_or("", |(_, n)| n.as_str());
    let head = [
        ("customer", customer.into()),
        ("subject", form.subject.value().trim().into()),
    ];
    let template = format!(
        "\n\n# {}\n# {}\n",
        tr_args(l, "newticket-editor-head", &head),
        tr(l, "newticket-editor-help")
    );
    vec![Effect::Edit {
        purpose: EditPurpose::NewTicket,
        template,
    }]
}

/// The editor closed on the first message: create the ticket (the form stays until it exists).
pub(super) fn on_edited(model: &mut Model, body: String) -> Vec<Effect> {
    let Some(Overlay::NewTicket(form)) = &model.overlay else {
        return Vec::new();
    };
    let Some((customer_id, _)) = form.customer.clone() else {
        return Vec::new();
    };
    let customer = if customer_id.is_empty() {
        let (name, email) = form.new_customer();
        let mut edits = vec![CustomerEdit::Name(name)];
        edits.extend(email.map(|e| CustomerEdit::Email(Some(e))));
        NewTicketCustomer::New(edits)
    } else {
        NewTicketCustomer::Existing(customer_id)
    };
    let product_id = form
        .product
        .checked_sub(1)
        .and_then(|i| form.products.get(i))
        .map(|(id, _)| id.clone());
    let request = TicketRequest::Create {
        customer,
        product_id,
        subject: form.subject.value().trim().to_string(),
        kind: form.kind(),
        channel: form.channel(),
        priority: form.priority(),
        body,
        at: model.now,
    };
    vec![Effect::load(request)]
}

/// Customers matching what was typed into the form.
pub(super) fn on_matches(model: &mut Model, text: String, rows: Vec<CustomerRow>) {
    if let Some(Overlay::NewTicket(form)) = model.overlay.as_mut()
        && form.customer_query.value().trim() == text
    {
        form.matches = rows;
        form.match_selected = 0;
    }
}

/// The chosen customer's products.
pub(super) fn on_products(
    model: &mut Model,
    customer_id: String,
    products: Vec<(String, crate::domain::text::SafeText)>,
) {
    if let Some(Overlay::NewTicket(form)) = model.overlay.as_mut()
        && form
            .customer
            .as_ref()
            .is_some_and(|(id, _)| *id == customer_id)
    {
        form.products = products;
        form.product = usize::from(!form.products.is_empty());
    }
}

/// The ticket was created (the form closes and the ticket opens), or not (the form stays).
pub(super) fn on_created(model: &mut Model, result: Outcome<i64>) -> Vec<Effect> {
    match result {
        Err(e) => {
            say(
                model,
                "newticket-failed",
                &[("error", e.said(model.locale).into())],
                true,
            );
            Vec::new()
        }
        Ok(number) => {
            model.overlay = None;
            say(
                model,
                "newticket-created",
                &[("number", number.into())],
                false,
            );
            let mut fx = super::ticket_actions::open_number(model, number);
            fx.push(super::update_lists::view_counts(model));
            fx
        }
    }
}
