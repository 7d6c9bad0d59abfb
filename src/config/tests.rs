use super::*;
use ratatui::style::{Color, Modifier};

fn no_env(_: &str) -> Option<OsString> {
    None
}

fn err(text: &str) -> String {
    parse(text, "/home/u/.config/desk/config.toml")
        .unwrap_err()
        .to_string()
}

#[test]
fn embedded_defaults_parse_and_equal_the_serde_defaults() {
    assert_eq!(parse(DEFAULTS, "defaults").unwrap(), Config::default());
}

#[test]
fn user_values_overlay_the_defaults() {
    let c = parse("[ui]\nmouse = false\n", "x").unwrap();
    assert!(!c.ui.mouse);
    assert_eq!(c.ui.date_format, UiConfig::default().date_format);
    assert_eq!(c.theme, ThemeConfig::default());
}

#[test]
fn unknown_keys_name_file_line_column_and_key() {
    let e = err("[ui]\nmouse = true\ncolour = \"red\"\n");
    assert!(
        e.starts_with("config error: /home/u/.config/desk/config.toml:3:1: unknown field `colour`"),
        "{e}"
    );
    assert!(!e.contains('\n'));
    let e = err("dbb = \"x\"\n");
    assert!(e.contains("config.toml:1:1: unknown field `dbb`"), "{e}");
}

#[test]
fn bad_values_name_the_line() {
    let e = err("[ui]\nmouse = \"yes\"\n");
    assert!(e.contains("config.toml:2:9"), "{e}");
    let e = err("[theme.colors]\nurgent = \"reddish\"\n");
    assert!(
        e.contains(":2:") && e.contains("`reddish` is not a colour"),
        "{e}"
    );
    let e = err("[log]\nlevel = \"loud\"\n");
    assert!(e.contains(":2:") && e.contains("loud"), "{e}");
    let e = err("[ui\nmouse = true");
    assert!(e.contains("config.toml:1:"), "{e}");
}

#[test]
fn keys_are_checked_against_the_registry() {
    let c = parse(
        "[keys]\n\"nav.down\" = [\"j\", \"ctrl-n\"]\n\"app.quit\" = \"Q\"\n",
        "x",
    )
    .unwrap();
    assert_eq!(c.keys_map()["nav.down"], vec!["j", "ctrl-n"]);
    assert_eq!(c.keys_map()["app.quit"], vec!["Q"]);
    let e = err("[ui]\nmouse = true\n\n[keys]\n\"nav.sideways\" = \"x\"\n");
    assert!(
        e.contains("config.toml:5:1: unknown command `nav.sideways`"),
        "{e}"
    );
    let e = err("[keys]\n\"nav.down\" = \"hyper-j\"\n");
    assert!(
        e.contains(":2:") && e.contains("unknown key `hyper-j`"),
        "{e}"
    );
}

#[test]
fn load_order_and_missing_files() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.toml");
    let b = dir.path().join("b.toml");
    std::fs::write(&a, "[ui]\nmouse = false\n").unwrap();
    std::fs::write(&b, "[ui]\ndate_format = \"%d/%m\"\n").unwrap();
    let env_b = |k: &str| (k == "DESK_CONFIG").then(|| b.clone().into_os_string());
    // --config beats DESK_CONFIG beats the default path.
    let l = load_with(Some(&a), &env_b, None).unwrap();
    assert!(!l.config.ui.mouse && l.path.as_deref() == Some(a.as_path()));
    let l = load_with(None, &env_b, Some(a.clone())).unwrap();
    assert_eq!(l.config.ui.date_format.as_deref(), Some("%d/%m"));
    let l = load_with(None, &no_env, Some(a.clone())).unwrap();
    assert!(!l.config.ui.mouse);
    // A missing default file means defaults; a missing explicit one is an error naming it.
    let l = load_with(None, &no_env, Some(dir.path().join("none.toml"))).unwrap();
    assert_eq!(l.config, Config::default());
    let e = load_with(Some(&dir.path().join("gone.toml")), &no_env, None)
        .unwrap_err()
        .0;
    assert!(e.contains("gone.toml: cannot read it"), "{e}");
}

#[test]
fn database_path_order() {
    let cfg = Config {
        db: Some(PathBuf::from("/cfg.db")),
        ..Config::default()
    };
    let p = |c: Option<&str>, e: Option<&str>, cfg: &Config| {
        resolve_db(c.map(Path::new), e.map(OsString::from), cfg)
    };
    assert_eq!(
        p(Some("/cli.db"), Some("/env.db"), &cfg).source,
        DbSource::Cli
    );
    assert_eq!(
        p(None, Some("/env.db"), &cfg).path,
        PathBuf::from("/env.db")
    );
    assert_eq!(p(None, None, &cfg).source, DbSource::Config);
    let d = p(None, Some(""), &Config::default());
    assert_eq!(d.source, DbSource::Default);
    assert!(d.path.ends_with("desk.db"));
}

#[test]
fn no_color_gives_a_monochrome_theme_with_reverse_selection() {
    let t = ThemeConfig::default().resolve(true);
    assert!(t.selection.add_modifier.contains(Modifier::REVERSED));
    assert_eq!((t.selection.fg, t.selection.bg), (None, None));
    for s in [
        t.priority_urgent,
        t.priority_high,
        t.priority_low,
        t.tab_active,
        t.error,
    ] {
        assert_eq!((s.fg, s.bg), (None, None));
    }
    // Overrides apply on the coloured theme.
    let cfg = parse(
        "[theme.colors]\nurgent = \"#ff0000\"\nselection_bg = \"17\"\n",
        "x",
    )
    .unwrap();
    let t = cfg.theme.resolve(false);
    assert_eq!(t.priority_urgent.fg, Some(Color::Rgb(255, 0, 0)));
    assert_eq!(t.selection.bg, Some(Color::Indexed(17)));
}

#[test]
fn example_config_documents_every_key_and_parses_when_uncommented() {
    let example = include_str!("../../config.example.toml");
    let uncommented: String = example
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if rest.contains(" = ") && !rest.starts_with(' ') => rest,
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    parse(&uncommented, "config.example.toml").unwrap();
    let defaults = toml::Value::try_from(Config::default()).unwrap();
    let mut missing = Vec::new();
    walk(&defaults, "", &mut |key| {
        let leaf = key.rsplit('.').next().unwrap_or(key);
        // Arrays of tables are documented by their [[header]].
        if !uncommented.contains(&format!("{leaf} ="))
            && !uncommented.contains(&format!("[[{leaf}]]"))
            && !uncommented.contains(&format!(".{leaf}]]"))
        {
            missing.push(key.to_string());
        }
    });
    for key in ["db", "handle", "file", "accent", "urgent"] {
        if !uncommented.contains(&format!("{key} =")) {
            missing.push(key.to_string());
        }
    }
    assert!(missing.is_empty(), "config.example.toml lacks: {missing:?}");
}

fn walk(v: &toml::Value, prefix: &str, f: &mut dyn FnMut(&str)) {
    if let toml::Value::Table(t) = v {
        for (k, v) in t {
            let key = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            match v {
                toml::Value::Table(inner) if !inner.is_empty() => walk(v, &key, f),
                toml::Value::Table(_) => {}
                _ => f(&key),
            }
        }
    }
}

#[test]
fn shipped_macros_parse_and_use_known_placeholders() {
    let m = MacroList::default().0;
    assert_eq!(m.len(), 7);
    for mac in &m {
        crate::domain::macros::check(&mac.body).unwrap();
    }
    assert_eq!(m[1].status, Some(crate::domain::ticket::Status::Pending));
    assert!(m[3].body.contains("我明白您的感受"), "the empathy opener");
    use crate::domain::macros::MacroKind;
    let kinds: Vec<_> = m.iter().map(|m| (m.kind, m.solution)).collect();
    assert_eq!(
        kinds,
        [
            (MacroKind::Reply, false),
            (MacroKind::Reply, false),
            (MacroKind::Reply, true),
            (MacroKind::Reply, false),
            (MacroKind::CallScript, false),
            (MacroKind::Reply, true),
            (MacroKind::Note, false),
        ],
        "the follow-up script is a call script, not a reply; solving and proposing replies stop the 3-5-7 clock"
    );
}

#[test]
fn every_locale_ships_the_same_macros_in_its_own_words() {
    use crate::i18n::Locale;
    let en = MacroList::shipped(Locale::En).0;
    for locale in [Locale::ZhCn, Locale::ZhTw] {
        let m = MacroList::shipped(locale).0;
        assert_eq!(m.len(), en.len(), "{locale}");
        for (mac, english) in m.iter().zip(&en) {
            crate::domain::macros::check(&mac.body).unwrap();
            // The same actions: only the words differ.
            assert_eq!(
                (mac.status, mac.priority, &mac.tags, mac.kind, mac.solution),
                (
                    english.status,
                    english.priority,
                    &english.tags,
                    english.kind,
                    english.solution
                ),
                "{locale} {}",
                mac.name
            );
            assert!(
                !mac.body.contains("Hello") && !mac.name.is_ascii(),
                "{locale}: {} is Chinese only",
                mac.name
            );
        }
    }
    let tw: String = MacroList::shipped(Locale::ZhTw)
        .0
        .iter()
        .map(|m| m.body.clone())
        .collect();
    assert!(crate::domain::han_script::is_traditional(&tw));
    // The config's own list is kept in every locale; the shipped one follows the locale.
    let own = MacroList(en.iter().take(1).cloned().collect());
    assert_eq!(own.in_locale(Locale::ZhTw), own.0);
    assert_eq!(
        MacroList::default().in_locale(Locale::ZhCn)[0].name,
        "已受理"
    );
    assert_eq!(MacroList::default().in_locale(Locale::En), en);
}

#[test]
fn macros_in_config_replace_the_shipped_ones_and_are_checked() {
    let c = parse(
        "[[macros]]\nname = \"Thanks\"\nbody = \"Thanks {{customer.name}}\"\nstatus = \"solved\"\n",
        "x",
    )
    .unwrap();
    assert_eq!(c.macros.0.len(), 1);
    assert_eq!(
        c.macros.0[0].to_macro().actions.status,
        Some(crate::domain::ticket::Status::Solved)
    );
    let e = err("[[macros]]\nname = \"Bad\"\nbody = \"Hi {{customer.email}}\"\n");
    assert!(
        e.contains("macro `Bad`: unknown placeholder `{{customer.email}}`"),
        "{e}"
    );
    let e = err("[[macros]]\nname = \"Bad\"\nbody = \"x\"\nstatus = \"done\"\n");
    assert!(
        e.contains(":4:") && e.contains("unknown status `done`"),
        "{e}"
    );
    let e = err("[[macros]]\nname = \"Bad\"\nbody = \"x\"\ntags = [\"VIP\", \"need info\"]\n");
    assert!(
        e.contains("macro `Bad`: tags: `need info` is not one tag"),
        "{e}"
    );
    for bad in ["", "vip\\u001b[2J", "a\\u0007b"] {
        let e = err(&format!(
            "[[macros]]\nname = \"Bad\"\nbody = \"x\"\ntags = [\"{bad}\"]\n"
        ));
        assert!(e.contains("macro `Bad`: tags: "), "{bad:?}: {e}");
        assert!(!e.contains(char::is_control), "{e:?}");
    }
}

#[test]
fn escalation_tags_follow_the_tag_rule() {
    let rule = |tag: &str| {
        format!("[[sla.escalations]]\nname = \"r\"\nwhen = \"breached\"\nadd_tag = \"{tag}\"\n")
    };
    let c = parse(&rule("SLA-Risk"), "x").unwrap();
    let rules = c.sla.rules().unwrap();
    let last = rules.escalations.last().map(|e| e.actions.add_tag.clone());
    assert_eq!(last, Some(Some("sla-risk".into())));
    for bad in ["sla risk", "", "x\\u001b]0;t\\u0007"] {
        let e = err(&rule(bad));
        assert!(e.contains("add_tag: "), "{bad:?}: {e}");
    }
}

#[test]
fn views_in_config_are_parsed_and_checked() {
    let c = parse("[[views]]\nname = \"hot\"\ntitle = \"Hot VIP\"\nfilter = \"priority:>=high tier:diamond\"\n", "x").unwrap();
    let all = c.all_views();
    let builtin = crate::domain::view::BuiltinView::ALL.len();
    assert_eq!(all.len(), builtin + 1);
    assert_eq!(
        (all[builtin].name.as_str(), all[builtin].title.as_str()),
        ("hot", "Hot VIP")
    );
    let e = err("[[views]]\nname = \"bad\"\nfilter = \"status:opn\"\n");
    assert!(
        e.contains("view `bad`: filter column 8: unknown status `opn`"),
        "{e}"
    );
    let e = err("[[views]]\nname = \"vip\"\nfilter = \"tag:x\"\n");
    assert!(e.contains("name of a built-in view"), "{e}");
}

#[test]
fn mail_from_must_be_an_address_and_gives_the_message_id_domain() {
    let e = parse("[mail]\nfrom = \"Service Team\"\n", "c.toml").unwrap_err();
    assert!(
        e.0.contains("[mail] from = \"Service Team\" is not an address"),
        "{e}"
    );
    let ok = parse(
        "[mail]\nfrom = \"售后服务 <Service@Desk.Example>\"\n",
        "c.toml",
    )
    .unwrap();
    assert_eq!(
        ok.mail.mail_out().map(|m| m.domain).as_deref(),
        Some("desk.example")
    );
    let off = parse("[mail]\n", "c.toml").unwrap();
    assert_eq!(off.mail.mail_out(), None, "no From: replies are not mailed");
}

#[test]
fn a_groups_from_and_signature_are_checked_and_reach_the_store() {
    let e = parse(
        "[mail]\nfrom = \"service@desk.example\"\n[mail.groups.\"售后\"]\nfrom = \"售后服务\"\n",
        "c.toml",
    )
    .unwrap_err();
    assert!(
        e.0.contains("[mail.groups.\"售后\"] from = \"售后服务\" is not an address"),
        "{e}"
    );
    let e = parse(
        "[mail]\n[mail.groups.\"售后\"]\nsignature = \"售后服务部\"\n",
        "c.toml",
    )
    .unwrap_err();
    assert!(
        e.0.contains("[mail.groups.\"售后\"] is set but [mail] from is not"),
        "{e}"
    );
    let e = parse(
        "[mail]\nfrom = \"a@b.example\"\n[mail.groups.\"售后\"]\nform = \"x@y.example\"\n",
        "c.toml",
    )
    .unwrap_err();
    assert!(e.0.contains("form"), "a misspelt key is named: {e}");
    let ok = parse(
        "[mail]\nfrom = \"service@desk.example\"\nsignature = \"desk\"\nquote_history = false\n\
         [mail.groups.\"售后\"]\nfrom = \"售后服务 <AfterSales@After.Example>\"\nsignature = \"售后服务部\\n400-800-1234\"\n",
        "c.toml",
    )
    .unwrap();
    let out = ok.mail.mail_out().unwrap();
    assert!(!out.quote_history);
    let from = out.from_for(Some("售后"));
    assert_eq!(from.from, Some("售后服务 <AfterSales@After.Example>"));
    assert_eq!(from.domain, "after.example");
    assert_eq!(
        out.signature_for(Some("售后")),
        Some("售后服务部\n400-800-1234")
    );
    assert_eq!(out.signature_for(Some("其他")), Some("desk"));
    assert_eq!(out.from_for(Some("其他")).domain, "desk.example");
    assert!(
        Config::default().mail.quote_history,
        "quoting is on by default"
    );
}

#[test]
fn field_service_settings_are_checked_with_the_key_named() {
    for (text, says) in [
        (
            "[field_service]\ntz = \"Mars/Olympus\"\n",
            "[field_service] tz",
        ),
        (
            "[field_service]\ncalendar = \"nights\"\n",
            "no SLA calendar named `nights`",
        ),
        (
            "[field_service]\nnot_covered = [\"rain\"]\n",
            "[field_service] not_covered",
        ),
        (
            "[field_service]\ncity_tiers = { \"上海\" = 0 }\n",
            "tiers start at 1",
        ),
        (
            "[field_service]\nlabour_per_hour = \"lots\"\n",
            "[field_service] labour_per_hour",
        ),
        ("[field_service]\narrival = []\n", "[field_service] arrival"),
        ("[returns]\nexchange_days = 3\n", "exchange_days is shorter"),
    ] {
        let e = parse(text, "x.toml").expect_err(text).to_string();
        assert!(e.contains(says) && e.contains("x.toml"), "{text}: {e}");
    }
    let cfg = parse(
        "[field_service]\ncity_tiers = { \"拉萨\" = 1 }\narrival = [\"4h\", \"2d\"]\n",
        "x",
    )
    .unwrap();
    let rules = cfg.field_rules();
    assert_eq!(rules.city_tier(Some("拉萨")), 1);
    // A table of one's own replaces the shipped tiers: 上海 is now in the last tier.
    assert_eq!(rules.city_tier(Some("上海")), 2);
    assert_eq!(rules.arrive_by(0, Some("拉萨")), Some(4 * 3600));
    let shipped = Config::default().field_rules();
    assert_eq!(
        (
            shipped.city_tier(Some("上海")),
            shipped.city_tier(Some("杭州"))
        ),
        (1, 2)
    );
    assert_eq!(shipped.tz(), chrono_tz::Asia::Shanghai);
}

#[test]
fn the_locale_is_one_desk_has_and_a_wrong_one_says_which_to_write() {
    let c = parse("[ui]\nlocale = \"zh-TW\"\n", "x").unwrap();
    assert_eq!(c.ui.locale, Some(crate::i18n::Locale::ZhTw));
    assert_eq!(parse("", "x").unwrap().ui.locale, None);
    let e = err("[ui]\nlocale = \"fr\"\n");
    assert!(
        e.contains(":2:") && e.contains("fr") && e.contains("`zh-CN`") && e.contains("`zh-TW`"),
        "{e}"
    );
}

#[test]
fn shipped_escalation_notes_follow_the_locale_and_a_teams_own_note_is_kept() {
    use crate::i18n::Locale;
    let notes = |c: &Config| -> Vec<(String, Option<String>)> {
        c.sla_rules()
            .escalations
            .into_iter()
            .map(|e| (e.name, e.actions.note))
            .collect()
    };
    let mut c = parse("", "x").unwrap();
    let english = notes(&c);
    // The English catalogue says what the shipped file says, so English tickets read as before.
    let shipped: Vec<(String, Option<String>)> = SlaConfig::default()
        .escalations
        .into_iter()
        .map(|e| (e.name, e.note))
        .collect();
    assert_eq!(english, shipped);
    c.ui.locale = Some(Locale::ZhCn);
    assert_eq!(
        notes(&c),
        [
            (
                "vip-at-risk".to_string(),
                Some("VIP 工单 SLA 即将超时，请优先处理。".to_string())
            ),
            (
                "breached".to_string(),
                Some("SLA 已超时：优先级已上调一级。".to_string())
            ),
        ]
    );
    c.ui.locale = Some(Locale::ZhTw);
    assert!(
        notes(&c)
            .iter()
            .all(|(_, n)| n.as_deref().is_some_and(|n| n.contains("逾時")))
    );

    let mut own = parse(
        "[[sla.escalations]]\nname = \"breached\"\nwhen = \"breached\"\nnote = \"Call the customer.\"\n",
        "x",
    )
    .unwrap();
    own.ui.locale = Some(Locale::ZhCn);
    assert_eq!(
        notes(&own),
        [(
            "breached".to_string(),
            Some("Call the customer.".to_string())
        )],
        "a team's own note, even under a shipped rule's name, is written as it is"
    );
}
