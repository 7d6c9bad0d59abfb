//! Answers to field-service requests: a week of the engineers' schedule laid out in the field-service zone, and
//! changes to a visit made from the schedule.

use chrono::{Datelike, Days, NaiveDate, NaiveTime, Offset, TimeZone};

use crate::app::protocol::field::Week;
use crate::app::protocol::{FieldRequest, FieldResponse, outcome};
use crate::store::{Result, Store};

pub fn serve(store: &mut Store, req: FieldRequest) -> Result<FieldResponse> {
    Ok(match req {
        FieldRequest::Week { at } => FieldResponse::Week(Box::new(week(store, at)?)),
        FieldRequest::SetVisit { number, edits, at } => {
            let done = store.set_visit(number, &edits, at).map(Box::new);
            FieldResponse::VisitSet {
                number,
                edits,
                outcome: outcome(done),
            }
        }
        FieldRequest::NewVisit {
            ticket,
            service,
            at,
        } => {
            let new = crate::store::visits::NewVisit {
                ticket,
                service,
                address: None,
                engineer: None,
                window: None,
            };
            let made = store.new_visit(&new, at).map(Box::new);
            FieldResponse::VisitMade {
                ticket,
                outcome: outcome(made),
            }
        }
    })
}

/// The week holding `at`, Monday to Sunday in the field-service zone.
fn week(store: &Store, at: i64) -> Result<Week> {
    let rules = store.service_rules().field.clone();
    let tz = rules.tz();
    let date = tz
        .timestamp_opt(at, 0)
        .single()
        .map_or_else(NaiveDate::default, |d| d.date_naive());
    let monday = date
        .checked_sub_days(Days::new(u64::from(date.weekday().num_days_from_monday())))
        .unwrap_or(date);
    let day = |i: u64| monday.checked_add_days(Days::new(i)).unwrap_or(monday);
    // Midnight, or the first hour that exists where a clock change skips midnight.
    let start = |d: NaiveDate| -> i64 {
        (0..24)
            .find_map(|h| {
                let t = NaiveTime::from_hms_opt(h, 0, 0)?;
                tz.from_local_datetime(&d.and_time(t)).earliest()
            })
            .map_or(0, |t| t.timestamp())
    };
    let days: Vec<i64> = (0..8).map(|i| start(day(i))).collect();
    let offsets: Vec<i32> = days
        .iter()
        .take(7)
        .map(|d| {
            // The offset at noon: a day's clock change happens at night.
            tz.offset_from_utc_datetime(
                &chrono::DateTime::from_timestamp(d + 12 * 3600, 0)
                    .unwrap_or_default()
                    .naive_utc(),
            )
            .fix()
            .local_minus_utc()
        })
        .collect();
    let (from, to) = (
        days.first().copied().unwrap_or(at),
        days.last().copied().unwrap_or(at),
    );
    let schedule = store.schedule(from, to, rules.travel_minutes)?;
    Ok(Week {
        days,
        offsets,
        zone: tz.name().to_string(),
        travel_minutes: rules.travel_minutes,
        schedule,
    })
}
