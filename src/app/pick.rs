//! What choosing a picker's option does, and the English name its filter also matches.

/// What choosing a picker option does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickAction {
    Edit(crate::store::ticket_write::TicketEdit),
    /// Close an open ticket with a reason that skips the closed loop (spam, duplicate).
    Close(String),
    /// Start a reply from macro number `i` (index into `Model::macros`).
    Macro(usize),
    /// Merge this duplicate (customer id) into the customer on screen.
    /// … with the picker's line about it, for the confirmation.
    MergeCustomer(String, String),
    /// Mark a care or win-back task done.
    CareDone(String),
    /// Publish, archive or return to draft the article in `Kb::target_id`.
    ArticleStatus(crate::domain::kb::ArticleStatus),
    /// Show the dashboard for this period.
    DashboardPeriod(crate::domain::metrics_report::Period),
    /// Open this attachment (id) of the open ticket with the system opener.
    OpenAttachment(String),
    /// Make a visit of this kind on the open ticket (it waits in the schedule for a time).
    NewVisit(crate::domain::visit::Service),
}

impl PickAction {
    /// The option's English name, which a picker's filter matches in any locale (empty when the label is data,
    /// like a macro's title or an attachment's file name).
    pub fn english_name(&self) -> String {
        use crate::store::ticket_write::TicketEdit;
        match self {
            PickAction::Edit(TicketEdit::Status(s)) => format!("{} {}", s.as_str(), s.label()),
            PickAction::Edit(TicketEdit::Priority(p)) => format!("{} {}", p.as_str(), p.label()),
            PickAction::Close(reason) => {
                let closed = crate::domain::ticket::Status::Closed.as_str();
                format!("{closed} {reason}")
            }
            PickAction::ArticleStatus(s) => s.as_str().to_string(),
            PickAction::DashboardPeriod(p) => p.label().to_string(),
            PickAction::NewVisit(s) => s.as_str().to_string(),
            _ => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ticket::{Priority, Status};
    use crate::store::ticket_write::TicketEdit;

    #[test]
    fn a_chinese_picker_filters_by_the_label_its_english_name_and_pinyin() {
        let options = vec![
            (
                "已解决".to_string(),
                PickAction::Edit(TicketEdit::Status(Status::Solved)),
            ),
            (
                "等待客户".to_string(),
                PickAction::Edit(TicketEdit::Status(Status::Pending)),
            ),
            (
                "U!! 红（紧急）".to_string(),
                PickAction::Edit(TicketEdit::Priority(Priority::Urgent)),
            ),
            ("退款说明".to_string(), PickAction::Macro(0)),
        ];
        let shown = |f: &str| -> Vec<&str> {
            super::super::overlay_keys::picker_visible(&options, f)
                .into_iter()
                .map(|i| options[i].0.as_str())
                .collect()
        };
        assert_eq!(shown("解决"), ["已解决"]);
        assert_eq!(shown("solved"), ["已解决"], "the English name");
        assert_eq!(shown("pend"), ["等待客户"]);
        assert_eq!(shown("yjj"), ["已解决"], "initials");
        assert_eq!(shown("dengdai"), ["等待客户"], "full pinyin");
        assert_eq!(shown("urgent"), ["U!! 红（紧急）"]);
        assert_eq!(
            shown("tk"),
            ["退款说明"],
            "a macro's title by pinyin initials"
        );
        assert_eq!(shown("tk sm"), ["退款说明"], "every word must match");
        assert!(shown("refund").is_empty(), "a macro has no English name");
    }
}
