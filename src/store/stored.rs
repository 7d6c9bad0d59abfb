//! Enum values read back from ticket rows. One desk does not know (a hand edit, a damaged file) is an error that
//! names the ticket and the command that repairs it, never a silent default that a write would then build on.

use super::{Result, StoreError};
use crate::domain::ticket::{Channel, Kind, Priority, Status};

/// A ticket column that holds one of a fixed set of words.
pub(super) trait TicketEnum: Sized {
    const FIELD: &'static str;
    /// The value the repair command suggests.
    const REPAIR: &'static str;
    fn parse(s: &str) -> Option<Self>;
}

macro_rules! ticket_enum {
    ($t:ty, $field:literal, $repair:literal) => {
        impl TicketEnum for $t {
            const FIELD: &'static str = $field;
            const REPAIR: &'static str = $repair;
            fn parse(s: &str) -> Option<Self> {
                <$t>::parse(s)
            }
        }
    };
}

ticket_enum!(Status, "status", "open");
ticket_enum!(Priority, "priority", "normal");
ticket_enum!(Kind, "kind", "question");
ticket_enum!(Channel, "channel", "email");

/// Ticket `#number`'s stored `T::FIELD`, or [`StoreError::BadValue`] saying how to mend it.
pub(super) fn ticket_field<T: TicketEnum>(number: i64, value: &str) -> Result<T> {
    T::parse(value).ok_or_else(|| StoreError::BadValue {
        entity: "ticket",
        id: format!("#{number}"),
        field: T::FIELD,
        value: crate::domain::text::truncate(&crate::domain::text::sanitize(value), 40),
        fix: format!("desk ticket set {number} {}={}", T::FIELD, T::REPAIR),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_values_say_what_where_and_how_to_mend_them() {
        assert_eq!(
            ticket_field::<Status>(12, "pending").unwrap(),
            Status::Pending
        );
        let err = ticket_field::<Status>(12, "opne").unwrap_err();
        assert_eq!(
            err.to_string(),
            "ticket #12: status `opne` is not a known status; fix it with `desk ticket set 12 status=open`"
        );
        let err = ticket_field::<Channel>(7, "fax\x1b[2J").unwrap_err();
        assert!(
            matches!(&err, StoreError::BadValue { field: "channel", value, .. } if value == "fax"),
            "{err:?}"
        );
    }
}
