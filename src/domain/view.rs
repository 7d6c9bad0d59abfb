//! Built-in ticket views (queues) as data: what they select and how they sort. The store compiles a
//! [`TicketFilter`] to SQL; the view language of a later issue will produce the same structure.

use super::customer::Tier;
use super::ticket::Status;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BuiltinView {
    MyOpen,
    Unassigned,
    AllOpen,
    Pending,
    RecentlySolved,
    Vip,
}

impl BuiltinView {
    pub const ALL: &'static [BuiltinView] = &[
        BuiltinView::MyOpen,
        BuiltinView::Unassigned,
        BuiltinView::AllOpen,
        BuiltinView::Pending,
        BuiltinView::RecentlySolved,
        BuiltinView::Vip,
    ];

    pub fn name(self) -> &'static str {
        match self {
            BuiltinView::MyOpen => "my-open",
            BuiltinView::Unassigned => "unassigned",
            BuiltinView::AllOpen => "all-open",
            BuiltinView::Pending => "pending",
            BuiltinView::RecentlySolved => "recently-solved",
            BuiltinView::Vip => "vip",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            BuiltinView::MyOpen => "My open",
            BuiltinView::Unassigned => "Unassigned",
            BuiltinView::AllOpen => "All open",
            BuiltinView::Pending => "Pending",
            BuiltinView::RecentlySolved => "Recently solved",
            BuiltinView::Vip => "VIP",
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

    /// The filter this view stands for; `now` (unix seconds) anchors relative windows.
    pub fn filter(self, now: i64) -> TicketFilter {
        let open = Some(Status::OPEN_SET.to_vec());
        let base = TicketFilter::default();
        match self {
            BuiltinView::MyOpen => TicketFilter {
                statuses: open,
                assignee: AssigneeFilter::Me,
                ..base
            },
            BuiltinView::Unassigned => TicketFilter {
                statuses: open,
                assignee: AssigneeFilter::Nobody,
                ..base
            },
            BuiltinView::AllOpen => TicketFilter {
                statuses: open,
                ..base
            },
            BuiltinView::Pending => TicketFilter {
                statuses: Some(vec![Status::Pending]),
                ..base
            },
            BuiltinView::RecentlySolved => TicketFilter {
                solved_since: Some(now - RECENTLY_SOLVED_DAYS * 86_400),
                sort: TicketSort::SolvedDesc,
                ..base
            },
            BuiltinView::Vip => TicketFilter {
                statuses: open,
                tiers: Some(Tier::VIP.to_vec()),
                ..base
            },
        }
    }
}

/// "Recently solved" looks back this many days.
pub const RECENTLY_SOLVED_DAYS: i64 = 7;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum AssigneeFilter {
    #[default]
    Any,
    /// The agent running desk.
    Me,
    Nobody,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TicketSort {
    /// Most recently updated first.
    #[default]
    UpdatedDesc,
    /// Most recently solved first (only tickets with a solved time).
    SolvedDesc,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TicketFilter {
    pub statuses: Option<Vec<Status>>,
    pub assignee: AssigneeFilter,
    pub tiers: Option<Vec<Tier>>,
    /// Only tickets solved at or after this time.
    pub solved_since: Option<i64>,
    /// Free text the user typed with `/`; matched against subject and customer name.
    pub text: Option<String>,
    pub sort: TicketSort,
}

impl TicketFilter {
    pub fn with_text(mut self, text: &str) -> Self {
        let t = text.trim();
        self.text = (!t.is_empty()).then(|| t.to_string());
        self
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
        assert_eq!(f.sort, TicketSort::SolvedDesc);
        assert_eq!(
            BuiltinView::Vip.filter(0).tiers,
            Some(vec![Tier::Diamond, Tier::Gold])
        );
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
