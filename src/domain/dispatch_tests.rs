use super::{
    Availability, Member, Strategy as How, Waits, choose, language, needs, normalize_skill,
};
use proptest::prelude::*;

fn member(handle: &str, open: u32, capacity: Option<u32>) -> Member {
    Member {
        id: format!("id-{handle}"),
        handle: handle.into(),
        availability: Availability::OnDuty,
        on_shift: true,
        open,
        capacity,
        skills: Vec::new(),
    }
}

#[test]
fn round_robin_continues_after_the_last_and_skips_who_cannot_take() {
    let mut team = vec![
        member("wang", 0, None),
        member("li", 0, None),
        member("zhao", 0, None),
    ];
    let got = |team: &[Member], last: Option<&str>| {
        choose(How::RoundRobin, team, last, &[]).map(|c| c.agent_id)
    };
    assert_eq!(
        got(&team, None),
        Ok("id-li".into()),
        "handle order: li, wang, zhao"
    );
    assert_eq!(got(&team, Some("id-li")), Ok("id-wang".into()));
    assert_eq!(
        got(&team, Some("id-zhao")),
        Ok("id-li".into()),
        "wraps around"
    );
    team[1].availability = Availability::Away;
    team[0].on_shift = false;
    let c = choose(How::RoundRobin, &team, Some("id-zhao"), &[]).unwrap();
    assert_eq!(c.agent_id, "id-zhao", "li away, wang off shift: zhao again");
    assert!(
        c.reason.starts_with("round-robin: zhao's turn"),
        "{}",
        c.reason
    );
    // A member who left the group (an unknown last) starts from the top.
    assert_eq!(got(&team, Some("id-gone")), Ok("id-zhao".into()));
}

#[test]
fn nobody_able_waits_with_each_members_state() {
    let mut team = vec![
        member("li", 5, Some(5)),
        member("wang", 0, None),
        member("zhao", 0, None),
    ];
    team[1].availability = Availability::Away;
    team[2].availability = Availability::Off;
    let Waits(why) = choose(How::LeastLoad, &team, None, &[]).unwrap_err();
    assert_eq!(
        why,
        "nobody can take it: li at capacity (5/5), wang away, zhao off"
    );
    let Waits(why) = choose(How::RoundRobin, &[], None, &[]).unwrap_err();
    assert_eq!(why, "the group has no members");
    let Waits(why) = choose(How::Manual, &[member("li", 0, None)], None, &[]).unwrap_err();
    assert_eq!(why, "the group assigns by hand");
}

#[test]
fn least_load_picks_the_fewest_open_and_breaks_ties_by_turn() {
    let team = vec![
        member("li", 3, Some(8)),
        member("wang", 1, None),
        member("zhao", 1, None),
    ];
    let c = choose(How::LeastLoad, &team, None, &[]).unwrap();
    assert_eq!(
        (c.agent_id.as_str(), c.reason.as_str()),
        ("id-wang", "least load: wang has 1 open")
    );
    let c = choose(How::LeastLoad, &team, Some("id-wang"), &[]).unwrap();
    assert_eq!(c.agent_id, "id-zhao", "a tie goes to whose turn it is");
}

#[test]
fn skills_first_then_load() {
    let mut team = vec![
        member("li", 0, None),
        member("wang", 4, Some(10)),
        member("zhao", 2, None),
    ];
    team[1].skills = vec!["city:上海".into(), "product:s9 smart lock".into()];
    team[2].skills = vec!["city:上海".into()];
    let needs = needs("repair", Some("S9 Smart Lock"), Some("上海"), "门锁坏了");
    assert_eq!(
        needs,
        [
            "kind:repair",
            "product:s9 smart lock",
            "city:上海",
            "lang:zh"
        ]
    );
    let c = choose(How::Skills, &team, None, &needs).unwrap();
    assert_eq!(
        c.agent_id, "id-wang",
        "two of four beats one, whatever the load"
    );
    assert_eq!(
        c.reason,
        "skills product:s9 smart lock, city:上海 (2 of 4); wang has 4 open of 10"
    );
    team[1].open = 10;
    let c = choose(How::Skills, &team, None, &needs).unwrap();
    assert_eq!(
        c.agent_id, "id-zhao",
        "wang at capacity: the next best match"
    );
    team[2].skills.clear();
    let c = choose(How::Skills, &team, None, &needs).unwrap();
    assert_eq!(c.agent_id, "id-li");
    assert!(
        c.reason.starts_with("no member has the skills"),
        "{}",
        c.reason
    );
}

#[test]
fn skills_are_key_value_of_known_keys() {
    assert_eq!(normalize_skill(" City : 上海 "), Some("city:上海".into()));
    assert_eq!(normalize_skill("lang:EN"), Some("lang:en".into()));
    assert_eq!(normalize_skill("cooking:fine"), None);
    assert_eq!(normalize_skill("product:"), None);
    assert_eq!(normalize_skill("wok"), None);
    assert_eq!(language("Water heater leaks"), "en");
    assert_eq!(language("热水器漏水"), "zh");
}

#[test]
fn availability_switches_round_and_parses_what_it_prints() {
    let mut a = Availability::OnDuty;
    for _ in 0..3 {
        assert_eq!(Availability::parse(a.as_str()), Some(a));
        a = a.next();
    }
    assert_eq!(a, Availability::OnDuty);
    assert_eq!("round-robin".parse::<How>(), Ok(How::RoundRobin));
    assert!("random".parse::<How>().is_err());
}

#[derive(Debug, Clone)]
enum Event {
    Arrive,
    Complete(usize),
    Set(usize, Availability),
    Shift(usize, bool),
}

fn event(members: usize) -> impl Strategy<Value = Event> {
    prop_oneof![
        4 => Just(Event::Arrive),
        2 => (0..members).prop_map(Event::Complete),
        1 => (0..members, prop::sample::select(Availability::ALL.to_vec())).prop_map(|(m, a)| Event::Set(m, a)),
        1 => (0..members, any::<bool>()).prop_map(|(m, s)| Event::Shift(m, s)),
    ]
}

fn strategy() -> impl Strategy<Value = How> {
    prop::sample::select(vec![How::RoundRobin, How::LeastLoad, How::Skills])
}

proptest! {
    /// Random arrivals, completions and availability changes: nobody away, off, off shift or at capacity ever gets
    /// a ticket, and nobody's load passes their capacity.
    #[test]
    fn never_assigns_to_who_cannot_take(
        caps in prop::collection::vec(prop::option::of(1u32..5), 1..6),
        how in strategy(),
        events in prop::collection::vec(event(6), 1..200),
    ) {
        let mut team: Vec<Member> = caps
            .iter()
            .enumerate()
            .map(|(i, cap)| Member { skills: vec![format!("city:c{}", i % 2)], ..member(&format!("a{i}"), 0, *cap) })
            .collect();
        let mut last: Option<String> = None;
        for e in events {
            match e {
                Event::Arrive => match choose(how, &team, last.as_deref(), &["city:c1".to_string()]) {
                    Ok(c) => {
                        let m = team.iter_mut().find(|m| m.id == c.agent_id).expect("a member");
                        prop_assert_eq!(m.unable(), None, "assigned to {:?}", m);
                        m.open += 1;
                        prop_assert!(m.capacity.is_none_or(|cap| m.open <= cap));
                        last = Some(c.agent_id);
                    }
                    Err(_) => {
                        prop_assert!(team.iter().all(|m| m.unable().is_some()));
                    }
                },
                Event::Complete(i) => {
                    if let Some(m) = team.get_mut(i) {
                        m.open = m.open.saturating_sub(1);
                    }
                }
                Event::Set(i, a) => {
                    if let Some(m) = team.get_mut(i) {
                        m.availability = a;
                    }
                }
                Event::Shift(i, s) => {
                    if let Some(m) = team.get_mut(i) {
                        m.on_shift = s;
                    }
                }
            }
        }
    }

    /// With everyone able throughout, round-robin hands out tickets evenly: counts differ by at most one.
    #[test]
    fn round_robin_is_fair_within_one(size in 1usize..8, tickets in 0usize..100) {
        let team: Vec<Member> = (0..size).map(|i| member(&format!("a{i}"), 0, None)).collect();
        let mut counts = vec![0usize; size];
        let mut last: Option<String> = None;
        for _ in 0..tickets {
            let c = choose(How::RoundRobin, &team, last.as_deref(), &[]).expect("someone able");
            let i = team.iter().position(|m| m.id == c.agent_id).expect("a member");
            counts[i] += 1;
            last = Some(c.agent_id);
        }
        let (lo, hi) = (counts.iter().min().copied().unwrap_or(0), counts.iter().max().copied().unwrap_or(0));
        prop_assert!(hi - lo <= 1, "{:?}", counts);
    }
}
