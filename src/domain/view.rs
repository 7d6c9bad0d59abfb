//! Built-in ticket views (queues) as data: what they select and how they sort. The store compiles a
//! [`TicketFilter`] to SQL; the view language of a later issue will produce the same structure.

use super::customer::Tier;
use super::query::{Age, Clause, FollowUpState, Query};
pub use super::query::{SlaState, SortKey, Who};
use super::service_loop::{ComplaintStage, LoopStage};
use super::ticket::{Channel, Kind, Priority, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BuiltinView {
    MyOpen,
    Unassigned,
    AllOpen,
    /// Every ticket, whatever its status.
    All,
    Pending,
    RecentlySolved,
    Vip,
    AtRisk,
    FollowUpsDue,
}

impl BuiltinView {
    pub const ALL: &'static [BuiltinView] = &[
        BuiltinView::MyOpen,
        BuiltinView::Unassigned,
        BuiltinView::AllOpen,
        BuiltinView::All,
        BuiltinView::Pending,
        BuiltinView::RecentlySolved,
        BuiltinView::Vip,
        BuiltinView::AtRisk,
        BuiltinView::FollowUpsDue,
    ];

    pub fn name(self) -> &'static str {
        match self {
            BuiltinView::MyOpen => "my-open",
            BuiltinView::Unassigned => "unassigned",
            BuiltinView::AllOpen => "all-open",
            BuiltinView::All => "all",
            BuiltinView::Pending => "pending",
            BuiltinView::RecentlySolved => "recently-solved",
            BuiltinView::Vip => "vip",
            BuiltinView::AtRisk => "at-risk",
            BuiltinView::FollowUpsDue => "follow-ups",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            BuiltinView::MyOpen => "My open",
            BuiltinView::Unassigned => "Unassigned",
            BuiltinView::AllOpen => "All open",
            BuiltinView::All => "All tickets",
            BuiltinView::Pending => "Pending",
            BuiltinView::RecentlySolved => "Recently solved",
            BuiltinView::Vip => "VIP",
            BuiltinView::AtRisk => "At risk & breached",
            BuiltinView::FollowUpsDue => "Follow-ups due",
        }
    }

    pub fn parse(name: &str) -> Option<BuiltinView> {
        let norm = name.trim().to_ascii_lowercase().replace('_', "-");
        Self::ALL.iter().copied().find(|v| v.name() == norm)
    }

    pub fn names() -> String {
        Self::ALL
            .iter()
            .map(|v| v.name())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The view written in the view language: the shipped views are defined the way users define theirs.
    pub fn query_text(self) -> &'static str {
        match self {
            BuiltinView::MyOpen => "status:new,open,pending,on_hold assignee:me",
            BuiltinView::Unassigned => "status:new,open,pending,on_hold assignee:none",
            BuiltinView::AllOpen => "status:new,open,pending,on_hold",
            BuiltinView::All => "sort:-updated",
            BuiltinView::Pending => "status:pending",
            BuiltinView::RecentlySolved => "solved:<7d sort:-solved",
            BuiltinView::Vip => "status:new,open,pending,on_hold tier:diamond,gold",
            BuiltinView::AtRisk => "sla:at-risk,breached sort:due",
            BuiltinView::FollowUpsDue => "followup:due sort:followup",
        }
    }

    pub fn view(self) -> View {
        View {
            name: self.name().to_string(),
            title: self.title().to_string(),
            // The texts above are fixed and tested to parse; an error would be a build defect.
            query: super::query::parse(self.query_text()).unwrap_or_default(),
        }
    }

    /// The filter this view stands for; `now` (unix seconds) anchors relative windows.
    pub fn filter(self, now: i64) -> TicketFilter {
        // Built-in views have no dates, so the offset cannot matter.
        self.view().filter(now, 0)
    }
}

/// A named queue: built in, or defined in config with the view language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    pub name: String,
    pub title: String,
    pub query: Query,
}

impl View {
    /// The filter at `now`; dates in the query are local days at `offset` seconds east of UTC.
    pub fn filter(&self, now: i64, offset: i64) -> TicketFilter {
        TicketFilter::default().refine(&self.query, now, offset)
    }
}

/// How a list is ordered: by which time (or number), newest or largest first when `descending`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketSort {
    pub key: SortKey,
    pub descending: bool,
}

impl Default for TicketSort {
    /// Most recently updated first.
    fn default() -> Self {
        TicketSort {
            key: SortKey::Updated,
            descending: true,
        }
    }
}

/// A ticket filter: every set field must hold; a list field holds when the ticket matches any of its values.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TicketFilter {
    pub statuses: Option<Vec<Status>>,
    pub priorities: Option<Vec<Priority>>,
    pub kinds: Option<Vec<Kind>>,
    pub channels: Option<Vec<Channel>>,
    pub tiers: Option<Vec<Tier>>,
    pub assignees: Option<Vec<Who>>,
    pub tags: Option<Vec<String>>,
    /// Customer name, email or phone contains this.
    pub customer: Option<String>,
    /// The group's name (`none`: no group).
    pub group: Option<String>,
    /// Fields with a generic filter, each containing its text.
    pub fields: Vec<(crate::domain::ticket_fields::TicketField, String)>,
    pub created_after: Option<i64>,
    pub created_before: Option<i64>,
    pub updated_after: Option<i64>,
    pub updated_before: Option<i64>,
    /// Only tickets solved at or after this time.
    pub solved_since: Option<i64>,
    pub solved_before: Option<i64>,
    /// Free text; matched against subject and customer name.
    pub text: Option<String>,
    /// SLA states, judged at the `now` the filter was made for.
    pub sla: Option<SlaSelect>,
    /// SLA due before / after these instants.
    pub due_before: Option<i64>,
    pub due_after: Option<i64>,
    /// A follow-up is scheduled, due at or before this instant (`i64::MAX`: any time).
    pub follow_up_due_by: Option<i64>,
    pub loop_stages: Option<Vec<LoopStage>>,
    pub complaint_stages: Option<Vec<ComplaintStage>>,
    pub sort: TicketSort,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlaSelect {
    pub states: Vec<SlaState>,
    pub now: i64,
}

/// Both lists hold: the values in both (keeping `base`'s order); a missing list allows anything.
fn narrow<T: PartialEq + Clone>(base: Option<Vec<T>>, more: &[T]) -> Option<Vec<T>> {
    Some(match base {
        Some(b) => b.into_iter().filter(|x| more.contains(x)).collect(),
        None => more.to_vec(),
    })
}

fn later(a: Option<i64>, b: i64) -> Option<i64> {
    Some(a.map_or(b, |a| a.max(b)))
}

fn earlier(a: Option<i64>, b: i64) -> Option<i64> {
    Some(a.map_or(b, |a| a.min(b)))
}

impl TicketFilter {
    pub fn with_text(mut self, text: &str) -> Self {
        let t = text.trim();
        self.text = (!t.is_empty()).then(|| t.to_string());
        self
    }

    /// This filter further narrowed by a query of the view language; ages are taken relative to `now`, dates are
    /// local days at `offset` seconds east of UTC.
    ///
    /// Statuses are the exception: a query that names statuses replaces the filter's, so `status:closed` typed on
    /// "All open" lists closed tickets instead of nothing. Several `status:` clauses in one query still narrow each
    /// other, like every other field.
    pub fn refine(mut self, q: &Query, now: i64, offset: i64) -> Self {
        let day = |d: chrono::NaiveDate| crate::domain::metrics_report::midnight(d, offset);
        if q.clauses.iter().any(|c| matches!(c, Clause::Status(_))) {
            self.statuses = None;
        }
        for c in &q.clauses {
            match c {
                Clause::Status(v) => self.statuses = narrow(self.statuses, v),
                Clause::Priority(v) => self.priorities = narrow(self.priorities, v),
                Clause::Kind(v) => self.kinds = narrow(self.kinds, v),
                Clause::Channel(v) => self.channels = narrow(self.channels, v),
                Clause::Tier(v) => self.tiers = narrow(self.tiers, v),
                Clause::Assignee(v) => self.assignees = narrow(self.assignees, v),
                Clause::Tag(v) => self.tags = narrow(self.tags, v),
                Clause::Customer(c) => self.customer = Some(c.clone()),
                Clause::Created(Age::Within(s)) => {
                    self.created_after = later(self.created_after, now - s)
                }
                Clause::Created(Age::OlderThan(s)) => {
                    self.created_before = earlier(self.created_before, now - s)
                }
                Clause::Updated(Age::Within(s)) => {
                    self.updated_after = later(self.updated_after, now - s)
                }
                Clause::Updated(Age::OlderThan(s)) => {
                    self.updated_before = earlier(self.updated_before, now - s)
                }
                Clause::Solved(Age::Within(s)) => {
                    self.solved_since = later(self.solved_since, now - s)
                }
                Clause::Solved(Age::OlderThan(s)) => {
                    self.solved_before = earlier(self.solved_before, now - s)
                }
                Clause::Created(Age::Dates(a, b)) => {
                    self.created_after = later(self.created_after, day(*a));
                    self.created_before = earlier(self.created_before, day(*b) + 86_400);
                }
                Clause::Updated(Age::Dates(a, b)) => {
                    self.updated_after = later(self.updated_after, day(*a));
                    self.updated_before = earlier(self.updated_before, day(*b) + 86_400);
                }
                Clause::Solved(Age::Dates(a, b)) => {
                    self.solved_since = later(self.solved_since, day(*a));
                    self.solved_before = earlier(self.solved_before, day(*b) + 86_400);
                }
                Clause::Due(Age::Dates(a, b)) => {
                    self.due_after = later(self.due_after, day(*a) - 1);
                    self.due_before = earlier(self.due_before, day(*b) + 86_400);
                }
                Clause::Group(g) => self.group = Some(g.clone()),
                Clause::Field(f, text) => self.fields.push((*f, text.clone())),
                Clause::Sla(v) => {
                    let states = narrow(self.sla.take().map(|s| s.states), v).unwrap_or_default();
                    self.sla = Some(SlaSelect { states, now });
                }
                Clause::Due(Age::Within(s)) => {
                    self.due_before = earlier(self.due_before, now.saturating_add(*s))
                }
                Clause::Due(Age::OlderThan(s)) => {
                    self.due_after = later(self.due_after, now.saturating_add(*s))
                }
                Clause::FollowUp(state) => {
                    let by = match state {
                        FollowUpState::Due => now,
                        FollowUpState::Open => i64::MAX,
                    };
                    self.follow_up_due_by = earlier(self.follow_up_due_by, by);
                }
                Clause::Loop(v) => self.loop_stages = narrow(self.loop_stages, v),
                Clause::Complaint(v) => self.complaint_stages = narrow(self.complaint_stages, v),
            }
        }
        if !q.text.is_empty() {
            let mut text = self.text.take().unwrap_or_default();
            for t in &q.text {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(t);
            }
            self.text = Some(text);
        }
        if let Some(s) = q.sort {
            self.sort = TicketSort {
                key: s.key,
                descending: s.descending,
            };
        }
        self
    }

    /// True when only what built-in views set is set, so the view's own index fits the query exactly.
    pub fn is_view_shape(&self) -> bool {
        self.priorities.is_none()
            && self.kinds.is_none()
            && self.channels.is_none()
            && self.tags.is_none()
            && self.customer.is_none()
            && self.created_after.is_none()
            && self.created_before.is_none()
            && self.updated_after.is_none()
            && self.updated_before.is_none()
            && self.solved_before.is_none()
            && self.text.is_none()
            && self.due_before.is_none()
            && self.due_after.is_none()
            && self.loop_stages.is_none()
            && self.complaint_stages.is_none()
            && self.fields.is_empty()
    }
}

/// Position in a keyset-paged list: the sort value and row id of an edge row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub key: i64,
    pub rid: i64,
}

/// Which page to fetch relative to a cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageRequest {
    First,
    Last,
    /// Rows that come after this one in list order.
    After(Cursor),
    /// Rows that come before this one in list order (returned in list order).
    Before(Cursor),
}

#[cfg(test)]
mod tests {
    use super::super::query::parse;

    #[test]
    fn shipped_views_are_written_in_the_language_and_mean_what_they_say() {
        let open = Some(Status::OPEN_SET.to_vec());
        let now = 1_000_000;
        let expect = |v: BuiltinView| match v {
            BuiltinView::MyOpen => TicketFilter {
                statuses: open.clone(),
                assignees: Some(vec![Who::Me]),
                ..TicketFilter::default()
            },
            BuiltinView::Unassigned => TicketFilter {
                statuses: open.clone(),
                assignees: Some(vec![Who::Nobody]),
                ..TicketFilter::default()
            },
            BuiltinView::AllOpen => TicketFilter {
                statuses: open.clone(),
                ..TicketFilter::default()
            },
            BuiltinView::All => TicketFilter::default(),
            BuiltinView::Pending => TicketFilter {
                statuses: Some(vec![Status::Pending]),
                ..TicketFilter::default()
            },
            BuiltinView::RecentlySolved => TicketFilter {
                solved_since: Some(now - 7 * 86_400),
                sort: TicketSort {
                    key: SortKey::Solved,
                    descending: true,
                },
                ..TicketFilter::default()
            },
            BuiltinView::Vip => TicketFilter {
                statuses: open.clone(),
                tiers: Some(Tier::VIP.to_vec()),
                ..TicketFilter::default()
            },
            BuiltinView::AtRisk => TicketFilter {
                sla: Some(SlaSelect {
                    states: vec![SlaState::AtRisk, SlaState::Breached],
                    now,
                }),
                sort: TicketSort {
                    key: SortKey::Due,
                    descending: false,
                },
                ..TicketFilter::default()
            },
            BuiltinView::FollowUpsDue => TicketFilter {
                follow_up_due_by: Some(now),
                sort: TicketSort {
                    key: SortKey::FollowUp,
                    descending: false,
                },
                ..TicketFilter::default()
            },
        };
        for v in BuiltinView::ALL {
            assert!(parse(v.query_text()).is_ok(), "{}", v.name());
            assert_eq!(v.filter(now), expect(*v), "{}", v.name());
            assert!(v.filter(now).is_view_shape());
        }
    }

    use super::*;

    #[test]
    fn names_round_trip() {
        for v in BuiltinView::ALL {
            assert_eq!(BuiltinView::parse(v.name()), Some(*v));
        }
        assert_eq!(
            BuiltinView::parse("Recently_Solved"),
            Some(BuiltinView::RecentlySolved)
        );
        assert_eq!(BuiltinView::parse("nope"), None);
    }

    #[test]
    fn recently_solved_is_anchored_at_now() {
        let f = BuiltinView::RecentlySolved.filter(1_000_000);
        assert_eq!(f.solved_since, Some(1_000_000 - 7 * 86_400));
        assert_eq!(
            f.sort,
            TicketSort {
                key: SortKey::Solved,
                descending: true
            }
        );
        assert_eq!(
            BuiltinView::Vip.filter(0).tiers,
            Some(vec![Tier::Diamond, Tier::Gold])
        );
    }

    #[test]
    fn statuses_in_a_query_replace_the_views_and_other_fields_narrow() {
        let q = |s: &str| parse(s).unwrap();
        let open = BuiltinView::AllOpen.filter(0);
        let closed = open.clone().refine(&q("status:closed"), 0, 0);
        assert_eq!(closed.statuses, Some(vec![Status::Closed]));
        // Within one query, status clauses narrow each other.
        let both = open
            .clone()
            .refine(&q("status:open,closed status:closed,solved"), 0, 0);
        assert_eq!(both.statuses, Some(vec![Status::Closed]));
        // Other fields still narrow the view: the open set stays when no status is named.
        let high = open.clone().refine(&q("priority:urgent"), 0, 0);
        assert_eq!(high.statuses, Some(Status::OPEN_SET.to_vec()));
        let mine = BuiltinView::MyOpen
            .filter(0)
            .refine(&q("status:solved"), 0, 0);
        assert_eq!(
            (mine.statuses, mine.assignees),
            (Some(vec![Status::Solved]), Some(vec![Who::Me]))
        );
    }

    #[test]
    fn all_tickets_comes_after_all_open_and_selects_every_status() {
        let i = BuiltinView::ALL.iter().position(|v| *v == BuiltinView::All);
        assert_eq!(i, Some(3));
        assert_eq!(BuiltinView::ALL[2], BuiltinView::AllOpen);
        assert_eq!(BuiltinView::parse("all"), Some(BuiltinView::All));
        assert_eq!(BuiltinView::All.title(), "All tickets");
        assert_eq!(BuiltinView::All.filter(0).statuses, None);
    }

    #[test]
    fn blank_text_is_no_filter() {
        assert_eq!(TicketFilter::default().with_text("  ").text, None);
        assert_eq!(
            TicketFilter::default().with_text(" 支付 ").text.as_deref(),
            Some("支付")
        );
    }
}
