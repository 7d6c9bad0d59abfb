//! The dashboard from the keyboard on a TestBackend over the demo data (frozen clock): tiles and charts at 80×24
//! and 120×40, the period picker and a custom period, and drilling from a day, a bar and an agent row into a
//! queue view that holds exactly the tickets counted.

mod common;

use common::harness::Harness;
use common::*;
use desk::app::dashboard::Section;
use desk::app::{Overlay, Pane};
use desk::domain::metrics::{Dimension, Indicator};
use desk::domain::metrics_report::Period;

fn created(a: &Harness) -> f64 {
    a.model
        .dashboard
        .report
        .as_ref()
        .unwrap()
        .value(Indicator::Created)
        .unwrap()
}

/// The tickets the selected queue view lists (a drill-down on the demo stays within the first page).
fn listed(a: &mut Harness) -> Vec<desk::store::tickets::TicketRow> {
    let list = &a.model.queues.list;
    assert!(list.at_end, "more than a page");
    list.rows.clone()
}

#[test]
fn tiles_and_each_chart_at_both_sizes() {
    for (w, h) in [(80, 24), (120, 40)] {
        let (_dir, mut a) = demo_app(w, h);
        a.keys("5");
        assert_eq!(a.model.pane, Pane::Dashboard);
        let screen = a.screen();
        assert!(
            screen.contains("Dashboard · 30 days · 2026-10-20 – 2026-11-18"),
            "{screen}"
        );
        insta::assert_snapshot!(format!("dashboard_volume_{w}x{h}"), screen);
        a.keys("J J J J J");
        assert_eq!(a.model.dashboard.section, Section::Breakdown);
        insta::assert_snapshot!(format!("dashboard_breakdown_{w}x{h}"), a.screen());
        a.keys("J");
        insta::assert_snapshot!(format!("dashboard_agents_{w}x{h}"), a.screen());
        a.keys("J");
        assert_eq!(a.model.dashboard.section, Section::Field);
        insta::assert_snapshot!(format!("dashboard_field_{w}x{h}"), a.screen());
    }
}

/// The times section tables mean, median and p90 in business and wall-clock time with the mean's target; the topics
/// section shows the demo's hot topics (热点问题) with what moved, readable at 80×24.
#[test]
fn times_and_topics_at_both_sizes() {
    for (w, h) in [(80, 24), (120, 40)] {
        let (_dir, mut a) = demo_app(w, h);
        a.keys("5 J J");
        assert_eq!(a.model.dashboard.section, Section::Times);
        let screen = a.screen();
        for text in [
            "First response",
            "wall clock",
            "Resolution",
            "mean",
            "median",
            "p90",
            "≤ 8h",
        ] {
            assert!(screen.contains(text), "{text}: {screen}");
        }
        insta::assert_snapshot!(format!("dashboard_times_{w}x{h}"), screen);
        a.keys("J J J J J J");
        assert_eq!(a.model.dashboard.section, Section::Topics);
        let screen = a.screen();
        let report = a.model.dashboard.report.as_ref().unwrap();
        let topics = &report.hot_topics;
        assert!(!topics.is_empty(), "the demo has hot topics");
        let top = &topics
            .ranking(desk::domain::hot_topics::TopicDim::Category)
            .unwrap()
            .top;
        assert!(!top.is_empty());
        assert!(screen.contains("Hot topics 热点问题"), "{screen}");
        assert!(screen.contains(&top[0].label), "{screen}");
        assert!(screen.contains("[Topics]"), "{screen}");
        insta::assert_snapshot!(format!("dashboard_topics_{w}x{h}"), screen);
    }
}

/// The field-service section says what the report's appendix says: the same visits, rates and engineers.
#[test]
fn the_field_section_matches_the_report() {
    let (_dir, mut a) = demo_app(120, 40);
    a.keys("5 J J J J J J J");
    assert_eq!(a.model.dashboard.section, Section::Field);
    let report = a.model.dashboard.report.as_ref().unwrap();
    let field = a
        .store
        .field_report(report.window.from, report.window.to)
        .unwrap();
    assert_eq!(a.model.dashboard.field.as_deref(), Some(&field));
    assert!(field.completed > 0, "the demo has completed visits");
    let screen = a.screen();
    assert!(
        screen.contains(&format!(
            "Visits done {} · no-shows {}",
            field.completed, field.no_shows
        )),
        "{screen}"
    );
    for e in &field.engineers {
        assert!(
            screen.contains(&format!("({})", e.engineer)),
            "{}: {screen}",
            e.engineer
        );
    }
    // The first engineer is selected and the detail line speaks of them.
    let first = &field.engineers[0];
    assert!(
        screen.contains(&format!("{}: done {}", first.engineer, first.completed)),
        "{screen}"
    );
}

#[test]
fn the_period_picker_and_a_custom_period_reload_and_compare() {
    let (_dir, mut a) = demo_app(120, 40);
    a.keys("5");
    let month = created(&a);
    a.keys("p");
    assert!(
        matches!(a.model.overlay, Some(Overlay::Picker { .. })),
        "{}",
        a.screen()
    );
    // 30 days → up one is 7 days.
    a.keys("up enter");
    assert_eq!(a.model.dashboard.period, Period::Week);
    let r = a.model.dashboard.report.as_ref().unwrap();
    assert_eq!(r.days.len(), 7);
    assert_eq!(
        r.previous.to, r.window.from,
        "compared with the 7 days before"
    );
    assert!(created(&a) < month);
    assert!(
        a.screen()
            .contains("7 days · 2026-11-12 – 2026-11-18 vs 2026-11-05 – 2026-11-11"),
        "{}",
        a.screen()
    );
    // Custom: the last entry asks for dates.
    a.keys("p down down down enter");
    assert!(matches!(a.model.overlay, Some(Overlay::Prompt { .. })));
    a.keys("ctrl-u")
        .type_text("2026-11-01..2026-11-10")
        .keys("enter");
    let r = a.model.dashboard.report.as_ref().unwrap();
    assert_eq!(
        (r.from.to_string(), r.to.to_string(), r.days.len()),
        ("2026-11-01".into(), "2026-11-10".into(), 10)
    );
    a.keys("p down down down down enter ctrl-u")
        .type_text("November")
        .keys("enter");
    assert!(a.screen().contains("is not a period"), "{}", a.screen());
    assert_eq!(
        a.model.dashboard.report.as_ref().unwrap().days.len(),
        10,
        "a bad period changes nothing"
    );
}

#[test]
fn drilling_into_a_day_a_bar_and_an_agent_lists_exactly_the_counted_tickets() {
    let (_dir, mut a) = demo_app(120, 40);
    a.keys("5");
    // A day of the volume chart: move back to the busiest day.
    let days = a.model.dashboard.report.as_ref().unwrap().days.clone();
    let (busiest, day) = days
        .iter()
        .enumerate()
        .max_by_key(|(_, d)| d.created)
        .unwrap();
    for _ in busiest..days.len() - 1 {
        a.keys("h");
    }
    assert_eq!(a.model.dashboard.selected, busiest);
    a.keys("enter");
    assert_eq!(a.model.pane, Pane::Queues);
    assert!(
        a.screen().contains(&format!("Created {}", day.date)),
        "{}",
        a.screen()
    );
    let rows = listed(&mut a);
    assert_eq!(rows.len() as u64, day.created, "{}", a.screen());

    // A bar of the breakdown by kind.
    a.keys("5 J J J J J d");
    assert_eq!(a.model.dashboard.breakdown, Dimension::Kind);
    let bar = a
        .model
        .dashboard
        .report
        .as_ref()
        .unwrap()
        .breakdown(Dimension::Kind)[1]
        .clone();
    a.keys("l enter");
    let rows = listed(&mut a);
    assert_eq!(
        Some(rows.len() as f64),
        bar.values[&Indicator::Created],
        "{}",
        a.screen()
    );
    assert!(
        rows.iter().all(|r| r.kind.as_str() == bar.key),
        "{}",
        a.screen()
    );

    // An agent's row: the tickets assigned to them, created in the period.
    a.keys("5 J");
    assert_eq!(a.model.dashboard.section, Section::Agents);
    let agent = a
        .model
        .dashboard
        .report
        .as_ref()
        .unwrap()
        .breakdown(Dimension::Agent)[0]
        .clone();
    a.keys("enter");
    let rows = listed(&mut a);
    assert_eq!(Some(rows.len() as f64), agent.values[&Indicator::Created]);
    let name = agent.label.clone();
    assert!(
        rows.iter()
            .all(|r| r.assignee.as_ref().map(|s| s.as_str()) == Some(name.as_str())),
        "{name}"
    );
    // One drill view at a time: the newest replaced the others.
    let drills = a
        .model
        .queues
        .views
        .iter()
        .filter(|v| v.name == "dashboard")
        .count();
    assert_eq!(drills, 1);
}
