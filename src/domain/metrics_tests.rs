//! Every indicator on small hand-built records; the expected numbers are worked out in the comments.

use super::*;
use crate::domain::metrics_report::Period;
use crate::domain::metrics_report::{
    Aggregate, Count, ReportInput, Window, build, dates_window, local_date, window,
};
use crate::domain::sla::{Calendar, Targets, clocks};
use chrono::NaiveDate;
use proptest::prelude::*;

const H: i64 = 3600;

fn keys(channel: &str, agent: Option<&str>) -> Keys {
    Keys {
        channel: channel.into(),
        kind: "question".into(),
        priority: "normal".into(),
        agent: agent.map(str::to_string),
        group: None,
        tier: None,
    }
}

fn created(at: i64, frt: Option<i64>, late: Option<bool>, complaint: bool) -> CreatedFact {
    CreatedFact {
        at,
        keys: keys("email", Some("a1")),
        complaint,
        frt_secs: frt,
        frt_late: late,
        first_response_at: frt.map(|f| at + f),
    }
}

fn solved(at: i64) -> SolvedFact {
    SolvedFact {
        at,
        created_at: Some(at - 5 * H),
        keys: keys("email", Some("a1")),
        resolution_secs: Some(4 * H),
        resolution_late: Some(false),
        next_reply_late: None,
        agent_replies: 1,
        reopens: 0,
        followed_up: None,
        csat: None,
        nps: None,
        ces: None,
    }
}

fn ev(at: i64, kind: EventKind) -> Event {
    Event { at, kind }
}

#[test]
fn measure_reads_business_time_lateness_replies_and_reopens_from_the_clocks() {
    // 24×7: created at 0, first reply at 2h (target 1h → late), solved at 5h, reopened by the customer at 6h,
    // solved again at 7h. Resolution ran 0–5h and 6–7h = 6h against a 48h target: met.
    let cal = Calendar::always_open("24x7");
    let targets = Targets {
        first_response: Some(H),
        first_solution: None,
        next_reply: None,
        resolution: Some(48 * H),
    };
    let events = [
        ev(2 * H, EventKind::AgentReply),
        ev(2 * H, EventKind::Status(Status::Open)),
        ev(5 * H, EventKind::Status(Status::Solved)),
        ev(6 * H, EventKind::CustomerMessage),
        ev(6 * H, EventKind::Status(Status::Open)),
        ev(7 * H - 60, EventKind::AgentReply),
        ev(7 * H, EventKind::Status(Status::Solved)),
    ];
    let c = clocks(0, &events, &targets, &cal, 8 * H, 0.75);
    let m = measure(&c, true, &events);
    assert_eq!(m.frt_secs, Some(2 * H));
    assert_eq!(m.frt_late, Some(true));
    assert_eq!(m.resolution_secs, Some(6 * H));
    assert_eq!(m.resolution_late, Some(false));
    assert_eq!(m.agent_replies, 2);
    assert_eq!(m.reopens, 1);
    // No policy: the same business time, but nothing can be late.
    let m = measure(&c, false, &events);
    assert_eq!(
        (m.frt_secs, m.frt_late, m.resolution_late),
        (Some(2 * H), None, None)
    );
}

#[test]
fn business_time_skips_closed_hours() {
    // Mon–Fri 09:00–18:00 UTC. Created Friday 17:00, answered Monday 10:00: 1h Friday + 1h Monday = 2h.
    let mut cal = Calendar::always_open("work");
    cal.always = false;
    for day in 0..5 {
        cal.week[day] = vec![(9 * 60, 18 * 60)];
    }
    let friday_17 = NaiveDate::from_ymd_opt(2026, 11, 20)
        .unwrap()
        .and_hms_opt(17, 0, 0)
        .unwrap()
        .and_utc()
        .timestamp();
    let monday_10 = friday_17 + 2 * 86_400 + 17 * H;
    let targets = Targets {
        first_response: Some(4 * H),
        ..Default::default()
    };
    let events = [ev(monday_10, EventKind::AgentReply)];
    let c = clocks(friday_17, &events, &targets, &cal, monday_10 + H, 0.75);
    let m = measure(&c, true, &events);
    assert_eq!(m.frt_secs, Some(2 * H));
    assert_eq!(m.frt_late, Some(false));
}

#[test]
fn percentile_is_nearest_rank() {
    assert_eq!(percentile(&[], 50), None);
    assert_eq!(percentile(&[7], 90), Some(7.0));
    // Ranks: p50 of 4 → ceil(2) = 2nd; p90 of 4 → ceil(3.6) = 4th.
    assert_eq!(percentile(&[40, 10, 30, 20], 50), Some(20.0));
    assert_eq!(percentile(&[40, 10, 30, 20], 90), Some(40.0));
    // p90 of 10 → 9th.
    let ten: Vec<u32> = (1..=10).collect();
    assert_eq!(percentile(&ten, 90), Some(9.0));
}

/// Five created and five solved tickets, each value chosen so every indicator is easy to count by hand.
fn fixture() -> Tally {
    let mut t = Tally::default();
    // Created: FRT 1h (met), 2h (met), 3h (late), 10h (late), unanswered; one complaint of five.
    t.add_created(&created(0, Some(H), Some(false), false));
    t.add_created(&created(0, Some(2 * H), Some(false), true));
    t.add_created(&created(0, Some(3 * H), Some(true), false));
    t.add_created(&created(0, Some(10 * H), Some(true), false));
    t.add_created(&created(0, None, None, false));
    // Solved: replies 1, 1, 2, 3, 1; the last was reopened once. Resolution late for the third only.
    let mut s = [solved(0), solved(0), solved(0), solved(0), solved(0)];
    s[1].resolution_secs = Some(8 * H);
    s[2].agent_replies = 2;
    s[2].resolution_late = Some(true);
    s[2].resolution_secs = Some(30 * H);
    s[3].agent_replies = 3;
    s[4].reopens = 1;
    // Follow-up: made, made, missed, not due, made.
    s[0].followed_up = Some(true);
    s[1].followed_up = Some(true);
    s[2].followed_up = Some(false);
    s[4].followed_up = Some(true);
    // CSAT 5, 4, 2 → 2 of 3 satisfied; NPS 10, 9, 7, 3 → 2 promoters, 1 detractor of 4 → +25; CES 2 and 5 → 3.5.
    s[0].csat = Some(5);
    s[1].csat = Some(4);
    s[2].csat = Some(2);
    s[0].nps = Some(10);
    s[1].nps = Some(9);
    s[2].nps = Some(7);
    s[3].nps = Some(3);
    s[0].ces = Some(2);
    s[1].ces = Some(5);
    for f in &s {
        t.add_solved(f);
    }
    t
}

#[test]
fn every_indicator_on_the_fixture() {
    let t = fixture();
    let r = MetricsRules::default();
    let v = |i: Indicator| t.value(i, &r);
    assert_eq!(v(Indicator::Created), Some(5.0));
    assert_eq!(v(Indicator::Solved), Some(5.0));
    assert_eq!(
        v(Indicator::Backlog),
        None,
        "a point in time: the report fills it in"
    );
    // FRT samples 1h 2h 3h 10h: p50 rank 2 = 2h, p90 rank 4 = 10h.
    assert_eq!(v(Indicator::FrtMedian), Some(2.0 * H as f64));
    assert_eq!(v(Indicator::FrtP90), Some(10.0 * H as f64));
    // Resolution 4h 8h 30h 4h 4h sorted 4 4 4 8 30: p50 rank 3 = 4h, p90 rank 5 = 30h.
    assert_eq!(v(Indicator::ResolutionMedian), Some(4.0 * H as f64));
    assert_eq!(v(Indicator::ResolutionP90), Some(30.0 * H as f64));
    assert_eq!(v(Indicator::FrtSla), Some(50.0), "2 met of 4 with a target");
    assert_eq!(v(Indicator::ResolutionSla), Some(80.0), "4 met of 5");
    assert_eq!(
        v(Indicator::NextReplySla),
        None,
        "no next-reply clock stopped"
    );
    assert_eq!(
        v(Indicator::Fcr),
        Some(40.0),
        "one reply and never reopened: #1 and #2 of 5"
    );
    assert_eq!(v(Indicator::ReopenRate), Some(20.0));
    assert_eq!(v(Indicator::ComplaintRate), Some(20.0));
    assert_eq!(v(Indicator::FollowUpRate), Some(75.0), "3 made of 4 due");
    let csat = v(Indicator::Csat).unwrap();
    assert!((csat - 200.0 / 3.0).abs() < 1e-9);
    assert_eq!(v(Indicator::Nps), Some(25.0));
    assert_eq!(v(Indicator::Ces), Some(3.5));
    // CSI: CSAT mean 11/3 → (11/3 − 1)/4 × 100 = 66.67; NPS (25 + 100)/2 = 62.5; CES (7 − 3.5)/6 × 100 = 58.33.
    // (66.67 × .5 + 62.5 × .3 + 58.33 × .2) / 1.0 = 33.333 + 18.75 + 11.667 = 63.75.
    let csi = v(Indicator::Csi).unwrap();
    assert!((csi - 63.75).abs() < 1e-9, "{csi}");
    // SQI: FR 50 ×.2 + res 80 ×.2 + FCR 40 ×.15 + (100−20) ×.1 + (100−20) ×.1 + follow-up 75 ×.1 + CSAT 66.67 ×.15
    //    = 10 + 16 + 6 + 8 + 8 + 7.5 + 10 = 65.5 over weights summing to 1.
    let sqi = v(Indicator::Sqi).unwrap();
    assert!((sqi - 65.5).abs() < 1e-9, "{sqi}");
}

#[test]
fn an_index_drops_components_without_data_with_their_weight() {
    let mut t = Tally::default();
    let mut s = solved(0);
    s.csat = Some(5);
    t.add_solved(&s);
    // Only CSAT has data: CSI = its component alone, 100.
    assert_eq!(
        t.value(Indicator::Csi, &MetricsRules::default()),
        Some(100.0)
    );
    assert_eq!(
        Tally::default().value(Indicator::Csi, &MetricsRules::default()),
        None
    );
}

#[test]
fn csi_is_computed_over_questionnaire_items_once_any_were_answered() {
    let rules = MetricsRules::default();
    let mut t = fixture(); // CSAT/NPS/CES give 63.75 (above)
    let item = |item: &str, score: i64| ItemFact {
        at: 0,
        keys: keys("email", None),
        item: item.into(),
        score,
    };
    // product 5, 4 → 87.5; service 3 → 50; price 2 → 25. Delivery and after-sales unanswered drop out:
    // (87.5 × .3 + 50 × .25 + 25 × .15) / .7 = (26.25 + 12.5 + 3.75) / .7 = 60.714…
    for f in [
        item("product", 5),
        item("product", 4),
        item("service", 3),
        item("price", 2),
    ] {
        t.add_item(&f);
    }
    let csi = t.value(Indicator::Csi, &rules).unwrap();
    assert!((csi - 42.5 / 0.7).abs() < 1e-9, "{csi}");
    // An item the config no longer weighs leaves CSI on the fallback.
    let mut other = fixture();
    other.add_item(&item("legacy", 1));
    assert_eq!(
        other.value(Indicator::Csi, &rules),
        fixture().value(Indicator::Csi, &rules)
    );
    // Merged tallies add their answers.
    let mut merged = Tally::default();
    merged.merge(&t);
    merged.merge(&t);
    assert_eq!(merged.items["product"].n, 4);
    assert_eq!(merged.items["product"].sum, 18);
}

#[test]
fn change_judges_direction_by_what_is_better() {
    let up_frt = change(Indicator::FrtMedian, Some(7200.0), Some(3600.0)).unwrap();
    assert_eq!((up_frt.good, up_frt.arrow()), (Some(false), "▲"));
    assert_eq!(up_frt.describe(Indicator::FrtMedian), "▲ +1h");
    let csat = change(Indicator::Csat, Some(80.0), Some(85.0)).unwrap();
    assert_eq!(
        (csat.good, csat.describe(Indicator::Csat).as_str()),
        (Some(false), "▼ -5.0 pt")
    );
    let created = change(Indicator::Created, Some(120.0), Some(100.0)).unwrap();
    assert_eq!(
        (created.good, created.describe(Indicator::Created).as_str()),
        (None, "▲ +20%")
    );
    assert_eq!(change(Indicator::Nps, None, Some(1.0)), None);
}

#[test]
fn follow_up_is_made_missed_or_not_yet_due() {
    use crate::domain::service_loop::LoopStage;
    assert_eq!(
        follow_up_state(Some(LoopStage::FollowedUp), None, 10),
        Some(true)
    );
    assert_eq!(
        follow_up_state(Some(LoopStage::Surveyed), None, 10),
        Some(true)
    );
    assert_eq!(
        follow_up_state(Some(LoopStage::Solved), Some(5), 10),
        Some(false)
    );
    assert_eq!(follow_up_state(Some(LoopStage::Solved), Some(15), 10), None);
    assert_eq!(follow_up_state(None, None, 10), None);
}

#[test]
fn periods_are_whole_local_days_ending_today() {
    let offset = 8 * H; // Asia/Shanghai
    // 2026-11-25 01:00 in Shanghai is 2026-11-24 17:00 UTC.
    let now = NaiveDate::from_ymd_opt(2026, 11, 24)
        .unwrap()
        .and_hms_opt(17, 0, 0)
        .unwrap()
        .and_utc()
        .timestamp();
    let w = window(Period::Week, now, offset);
    assert_eq!(
        local_date(w.from, offset),
        NaiveDate::from_ymd_opt(2026, 11, 19).unwrap()
    );
    assert_eq!(
        w.last_date(offset),
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    );
    assert_eq!(w.days(), 7);
    assert_eq!(w.previous().days(), 7);
    assert_eq!(w.previous().to, w.from);
    let q = window(Period::Quarter, now, offset);
    assert_eq!(
        local_date(q.from, offset),
        NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()
    );
    assert_eq!(window(Period::Today, now, offset).days(), 1);
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    assert_eq!(
        dates_window(d("2026-11-01"), d("2026-11-30"), offset)
            .unwrap()
            .days(),
        30
    );
    let e = dates_window(d("2026-11-30"), d("2026-11-01"), offset).unwrap_err();
    assert_eq!((e.from, e.to), (d("2026-11-30"), d("2026-11-01")));
    assert_eq!(
        e.to_string(),
        "the period ends (2026-11-01) before it starts (2026-11-30)"
    );
}

/// Three days, all six tickets answered late, 100% complaints (tag refund ×4), ten open now: a report whose
/// backlog is walked back from now and whose rules fire (the rules' test is in `i18n::metrics_advice`).
pub(crate) fn late_period_report() -> crate::domain::metrics_report::Report {
    let w = Window {
        from: 0,
        to: 3 * 86_400,
    };
    let mut cur = Aggregate::new(
        w,
        true,
        &[Dimension::Group, Dimension::Priority, Dimension::Channel],
    );
    // Day 0: 2 created; day 1: 1 created, 1 solved; day 2: 3 created. All answered late, so FR SLA is 0%.
    for (day, n) in [(0, 2), (1, 1), (2, 3)] {
        for _ in 0..n {
            cur.add_created(&created(day * 86_400 + 10, Some(5 * H), Some(true), true));
        }
    }
    cur.add_solved(&solved(86_400 + 20));
    let input = ReportInput {
        as_of: 3 * 86_400 + 100,
        offset: 0,
        current: cur,
        previous: Aggregate::new(w.previous(), false, &[]),
        // 10 open now; after the window 2 were created and 1 solved → 9 open at its end.
        backlog_now: 10,
        created_after: 2,
        solved_after: 1,
        complaint_tags: vec![Count {
            name: "refund".into(),
            count: 4,
        }],
        ..Default::default()
    };
    build(input, &MetricsRules::default())
}

/// One answered ticket in one day, every indicator on target.
pub(crate) fn quiet_period_report() -> crate::domain::metrics_report::Report {
    let w = Window {
        from: 0,
        to: 86_400,
    };
    let mut cur = Aggregate::new(w, true, &[]);
    cur.add_created(&created(10, Some(60), Some(false), false));
    build(
        ReportInput {
            current: cur,
            previous: Aggregate::new(w.previous(), false, &[]),
            ..Default::default()
        },
        &MetricsRules::default(),
    )
}

#[test]
fn the_report_walks_the_backlog_back_from_now() {
    let r = late_period_report();
    let backlog: Vec<i64> = r.days.iter().map(|d| d.backlog).collect();
    // End of day 2: 9; end of day 1: 9 − 3 = 6; end of day 0: 6 − 1 + 1 = 6. Start: 6 − 2 = 4.
    assert_eq!(backlog, vec![6, 6, 9]);
    assert_eq!(r.indicator(Indicator::Backlog).unwrap().previous, Some(4.0));
    assert_eq!(
        r.breaches_by_priority,
        vec![Count {
            name: "normal".into(),
            count: 6
        }]
    );
    assert!(r.suggestions.is_empty(), "the domain decides no words");
}

fn arb_created() -> impl Strategy<Value = CreatedFact> {
    (
        0..3i64,
        any::<bool>(),
        proptest::option::of(0..100_000i64),
        proptest::option::of(any::<bool>()),
        0..3usize,
    )
        .prop_map(|(day, complaint, frt, late, ch)| CreatedFact {
            at: day * 86_400 + 1,
            keys: keys(["email", "phone", "chat"][ch], Some(["a", "b", "c"][ch])),
            complaint,
            frt_secs: frt,
            frt_late: late,
            first_response_at: frt.map(|f| day * 86_400 + 1 + f * 2),
        })
}

proptest! {
    /// Splitting records by day or by key and merging the parts gives the whole: every sum is additive and the
    /// percentiles of the merged samples equal the percentiles of the whole.
    #[test]
    fn days_and_groups_add_up_to_the_total(facts in proptest::collection::vec(arb_created(), 0..60)) {
        let mut agg = Aggregate::new(Window { from: 0, to: 3 * 86_400 }, true, &[Dimension::Channel]);
        for f in &facts {
            agg.add_created(f);
        }
        let mut by_day = Tally::default();
        for d in &agg.days {
            by_day.merge(d);
        }
        let mut by_key = Tally::default();
        for t in agg.by[&Dimension::Channel].values() {
            by_key.merge(t);
        }
        let rules = MetricsRules::default();
        for ind in Indicator::ALL {
            prop_assert_eq!(by_day.value(*ind, &rules), agg.total.value(*ind, &rules));
            prop_assert_eq!(by_key.value(*ind, &rules), agg.total.value(*ind, &rules));
        }
        if let Some(p) = agg.total.value(Indicator::FrtP90, &rules) {
            let median = agg.total.value(Indicator::FrtMedian, &rules).unwrap();
            prop_assert!(median <= p);
        }
    }
}

#[test]
fn percentiles_of_cell_counts_are_those_of_the_samples_on_the_grid() {
    let rules = MetricsRules::default();
    let samples = Tally {
        frt: vec![61, 3_601, 3_650, 7_200, 90],
        ..Tally::default()
    };
    // The same times as roll-ups count them, days apart (so one cell comes twice).
    let mut cells = Tally {
        frt_cells: vec![(4_200, 1), (70, 1), (7_200, 1), (4_200, 1), (90, 1)],
        ..Tally::default()
    };
    cells.sort_samples();
    for ind in [Indicator::FrtMedian, Indicator::FrtP90] {
        assert_eq!(
            cells.value(ind, &rules),
            samples.value(ind, &rules),
            "{ind:?}"
        );
    }
    assert_eq!(cells.value(Indicator::FrtMedian, &rules), Some(4_200.0));
    assert_eq!(Tally::default().value(Indicator::FrtMedian, &rules), None);
}

#[test]
fn means_are_reported_beside_medians_in_business_and_wall_clock_time() {
    let rules = MetricsRules::default();
    let mut t = Tally::default();
    // Business 10m, 30m, 3h; the first reply came twice as late on the wall clock (nights, weekends).
    for frt in [10 * 60, 30 * 60, 3 * H] {
        t.add_created(&CreatedFact {
            at: 1_000,
            first_response_at: Some(1_000 + 2 * frt),
            ..created(1_000, Some(frt), None, false)
        });
    }
    t.add_solved(&solved(10 * H));
    t.sort_samples();
    let v = |i: Indicator| t.value(i, &rules);
    // (600 + 1800 + 10800) / 3 = 4400 s = 1h13m20s, while the median is 30m.
    assert_eq!(v(Indicator::FrtMean), Some(4_400.0));
    assert_eq!(v(Indicator::FrtMedian), Some(1_800.0));
    assert_eq!(v(Indicator::FrtP90), Some(10_800.0));
    assert_eq!(v(Indicator::FrtWallMean), Some(8_800.0));
    assert_eq!(v(Indicator::FrtWallMedian), Some(3_600.0));
    assert_eq!(v(Indicator::FrtWallP90), Some(21_600.0));
    assert_eq!(v(Indicator::ResolutionMean), Some((4 * H) as f64));
    assert_eq!(v(Indicator::ResolutionWallMean), Some((5 * H) as f64));
    assert_eq!(v(Indicator::ResolutionWallMedian), Some((5 * H) as f64));
    // People read minutes; JSON and CSV keep the seconds.
    assert_eq!(Indicator::FrtMean.format(4_400.0), "1h13m");
    assert_eq!(Tally::default().value(Indicator::FrtWallMean, &rules), None);
    // The guides' average-response target is the default; medians have none unless configured.
    assert_eq!(rules.target(Indicator::FrtMean), Some((8 * H) as f64));
    assert_eq!(
        rules.target(Indicator::ResolutionMean),
        Some((24 * H) as f64)
    );
    assert_eq!(rules.target(Indicator::FrtMedian), None);
    assert_eq!(rules.meets(Indicator::FrtMean, 4_400.0), Some(true));
}

#[test]
fn a_mean_from_cell_counts_and_a_sum_is_the_mean_of_the_samples() {
    let rules = MetricsRules::default();
    let samples = Tally {
        frt: vec![61, 3_601, 3_650],
        frt_sum: 61 + 3_601 + 3_650,
        ..Tally::default()
    };
    let cells = Tally {
        frt_cells: vec![(70, 1), (4_200, 2)],
        frt_sum: 61 + 3_601 + 3_650,
        ..Tally::default()
    };
    assert_eq!(samples.value(Indicator::FrtMean, &rules), Some(2_437.0));
    assert_eq!(
        cells.value(Indicator::FrtMean, &rules),
        samples.value(Indicator::FrtMean, &rules)
    );
}
