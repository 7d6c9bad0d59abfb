//! The new-ticket form: a customer found by typing (name, email or phone) or created on the spot, subject, kind,
//! channel, priority and one of the customer's products; the first message is then written in the editor, and the
//! ticket opens once created.

use super::keys::{Key, KeyCode};
use super::msg::{EditPurpose, Effect};
use super::protocol::{CustomerRequest, NewTicketCustomer, Outcome, TicketRequest};
use super::update::toast;
use super::{Model, Overlay};
use crate::domain::ticket::{Channel, Kind, Priority};
use crate::store::customer_write::CustomerEdit;
use crate::store::customers::CustomerRow;

/// Form fields in Tab order.
pub const FIELDS: [&str; 6] = [
    "Customer", "Subject", "Kind", "Channel", "Priority", "Product",
];

#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewTicketForm {
    pub field: usize,
    pub customer_query: String,
    pub matches: Vec<CustomerRow>,
    pub match_selected: usize,
    /// (id, name) once picked; the id is empty for a customer to be created with the ticket.
    pub customer: Option<(String, String)>,
    /// The picked customer's products (id, name); `product` 0 is "none", i is `products[i - 1]`.
    pub products: Vec<(String, crate::domain::text::SafeText)>,
    pub product: usize,
    pub subject: String,
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
        !self.customer_query.trim().is_empty() && self.customer.is_none()
    }

    pub fn product_label(&self) -> String {
        self.product
            .checked_sub(1)
            .and_then(|i| self.products.get(i))
            .map_or("none".into(), |(_, n)| n.to_string())
    }

    /// A new customer from typed text: an email gives the email (and the name before the @), else it is the name.
    pub fn new_customer(&self) -> (String, Option<String>) {
        let q = self.customer_query.trim();
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

pub(super) fn on_key(model: &mut Model, key: Key) -> Vec<Effect> {
    let Some(Overlay::NewTicket(form)) = model.overlay.as_mut() else {
        return Vec::new();
    };
    match key.code {
        KeyCode::Esc => {
            model.overlay = None;
            return Vec::new();
        }
        KeyCode::Tab => form.field = (form.field + 1) % FIELDS.len(),
        KeyCode::BackTab => form.field = (form.field + FIELDS.len() - 1) % FIELDS.len(),
        _ => {}
    }
    if matches!(key.code, KeyCode::Tab | KeyCode::BackTab) {
        return Vec::new();
    }
    match (form.field, key.code) {
        (0, KeyCode::Down) => {
            form.match_selected = (form.match_selected + 1).min(form.matches.len())
        }
        (0, KeyCode::Up) => form.match_selected = form.match_selected.saturating_sub(1),
        (0, KeyCode::Enter) => {
            if let Some(c) = form.matches.get(form.match_selected) {
                let (id, name) = (c.id.clone(), c.name.to_string());
                // The customer's tier suggests the priority (VIPs start high); the agent can still change it.
                let suggested = model.tier_priority[c.tier.rank()];
                form.priority = Priority::ALL
                    .iter()
                    .position(|p| *p == suggested)
                    .unwrap_or(2);
                form.customer = Some((id.clone(), name.clone()));
                form.customer_query = name;
                form.matches.clear();
                form.field = 1;
                return vec![Effect::load(CustomerRequest::Products { customer_id: id })];
            }
            if form.offers_new() {
                let (name, _) = form.new_customer();
                form.customer = Some((String::new(), format!("{name} (new)")));
                form.matches.clear();
                form.products.clear();
                form.field = 1;
            }
        }
        (0, _) if super::update_overlay::edit(&mut form.customer_query, key) => {
            form.customer = None;
            form.match_selected = 0;
            let text = form.customer_query.clone();
            return search(&text);
        }
        (1, KeyCode::Enter) => form.field = 2,
        (1, _) => {
            super::update_overlay::edit(&mut form.subject, key);
        }
        (
            2..=5,
            KeyCode::Left
            | KeyCode::Right
            | KeyCode::Char('h')
            | KeyCode::Char('l')
            | KeyCode::Char(' '),
        ) => {
            let step = if matches!(key.code, KeyCode::Left | KeyCode::Char('h')) {
                -1
            } else {
                1
            };
            match form.field {
                2 => cycle(&mut form.kind, Kind::ALL.len(), step),
                3 => cycle(&mut form.channel, Channel::ALL.len(), step),
                4 => cycle(&mut form.priority, Priority::ALL.len(), step),
                _ => cycle(&mut form.product, form.products.len() + 1, step),
            }
        }
        (2..=5, KeyCode::Enter) => return submit(model),
        _ => {}
    }
    Vec::new()
}

/// Checks the form and opens the editor for the customer's first message.
fn submit(model: &mut Model) -> Vec<Effect> {
    let Some(Overlay::NewTicket(form)) = &model.overlay else {
        return Vec::new();
    };
    let problem = if form.customer.is_none() {
        Some("pick a customer: type a name, email or phone, then Enter on a match")
    } else if form.subject.trim().is_empty() {
        Some("the subject is empty")
    } else {
        None
    };
    if let Some(p) = problem {
        toast(model, format!("New ticket: {p}"), true);
        return Vec::new();
    }
    let template = format!(
        "\n\n# New ticket for {} — {}\n# Write the customer's message (what they reported). Lines starting with # are removed.\n",
        form.customer.as_ref().map_or("", |(_, n)| n.as_str()),
        form.subject.trim()
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
        subject: form.subject.trim().to_string(),
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
        && form.customer_query.trim() == text
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
            toast(model, format!("New ticket: {e}"), true);
            Vec::new()
        }
        Ok(number) => {
            model.overlay = None;
            toast(model, format!("#{number} created"), false);
            let mut fx = super::ticket_actions::open_number(model, number);
            fx.push(super::update_lists::view_counts(model));
            fx
        }
    }
}
