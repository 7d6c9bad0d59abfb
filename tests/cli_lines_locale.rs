//! The command line's success and summary lines speak the interface's language: English exactly as before (tests
//! and scripts match it), zh-CN in simplified and zh-TW in traditional Chinese, the machine words — handles, roles,
//! ids, paths, commands in backticks — kept as they are, and the exit codes the same in every language.

mod common;

use common::locale_cli::{LANGS, ok, pick, run};

#[test]
fn init_and_agent_lines_follow_the_locale() {
    let schema = desk::store::LATEST_SCHEMA;
    for lang in LANGS {
        let home = tempfile::tempdir().unwrap();
        let h = home.path();
        let db = h.join("desk.db");
        let db = db.to_str().unwrap();
        let init = ok(h, lang, &["--db", db, "init", "--no-starter-articles"]);
        let ready = format!(
            "{}\n",
            pick(
                lang,
                [
                    &format!("database ready at {db} (schema v{schema})"),
                    &format!("数据库已就绪：{db}（schema v{schema}）"),
                    &format!("資料庫已就緒：{db}（schema v{schema}）"),
                ]
            )
        );
        let registered = pick(
            lang,
            [
                "you (li) are registered as its admin; add your team with `desk agent add HANDLE`\n",
                "你（li）已注册为它的 admin；用 `desk agent add HANDLE` 添加团队成员\n",
                "你（li）已註冊為它的 admin；請用 `desk agent add HANDLE` 新增團隊成員\n",
            ],
        );
        assert_eq!(init, format!("{ready}{registered}"), "{lang}");

        let cases: &[(&[&str], [&str; 3])] = &[
            (
                &["agent", "add", "Wang"],
                [
                    "added wang as agent",
                    "已添加 wang，角色为 agent",
                    "已新增 wang，角色為 agent",
                ],
            ),
            (
                &["agent", "set-role", "wang", "lead"],
                [
                    "wang is now lead",
                    "wang 现在的角色是 lead",
                    "wang 現在的角色是 lead",
                ],
            ),
            (
                &["agent", "deactivate", "wang"],
                ["wang is deactivated", "wang 已停用", "wang 已停用"],
            ),
            (
                &["agent", "add", "zhao"],
                [
                    "added zhao as agent",
                    "已添加 zhao，角色为 agent",
                    "已新增 zhao，角色為 agent",
                ],
            ),
            (
                &["agent", "set", "zhao", "capacity=8"],
                [
                    "zhao: capacity 8 open tickets",
                    "zhao：容量为 8 张未结工单",
                    "zhao：容量為 8 張未結工單",
                ],
            ),
            (
                &["agent", "set", "zhao", "capacity=none"],
                [
                    "zhao: capacity no limit",
                    "zhao：容量不限",
                    "zhao：容量不限",
                ],
            ),
            (
                &["agent", "set", "zhao", "calendar=none"],
                [
                    "zhao: working hours always on shift",
                    "zhao：工作时间不限（始终在班）",
                    "zhao：工作時間不限（隨時值班）",
                ],
            ),
            (
                &["agent", "set", "zhao", "availability=away"],
                ["zhao is away", "zhao 现在暂离", "zhao 現在暫離"],
            ),
            (
                &["agent", "skills", "zhao"],
                ["no skills", "没有技能", "沒有技能"],
            ),
        ];
        for (args, lines) in cases {
            let args = [&["--db", db], *args].concat();
            assert_eq!(ok(h, lang, &args), format!("{}\n", pick(lang, *lines)));
        }
        // A failure is the same failure in every language.
        let (code, out, _) = run(
            h,
            lang,
            &["--db", db, "agent", "set-role", "nobody", "lead"],
        );
        assert_ne!(code, 0);
        assert!(out.is_empty());
    }
}

#[test]
fn customer_show_follows_the_locale_and_keeps_its_data() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let db = h.join("demo.db");
    let db = db.to_str().unwrap();
    ok(h, "C.UTF-8", &["--db", db, "demo"]);
    let ids = ok(
        h,
        "C.UTF-8",
        &[
            "--db", db, "customer", "list", "--limit", "12", "--format", "csv",
        ],
    );
    let ids: Vec<&str> = ids
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    assert!(ids.len() >= 10, "{ids:?}");
    for id in ids {
        let show = |lang| ok(h, lang, &["--db", db, "customer", "show", id]);
        let en = show("C.UTF-8");
        let cn = show("zh_CN.UTF-8");
        let tw = show("zh_TW.UTF-8");
        // The same lines, the first (name and id) and the risk signals and timeline entries' data unchanged.
        assert_eq!(en.lines().count(), cn.lines().count(), "{en}\n{cn}");
        assert_eq!(en.lines().count(), tw.lines().count(), "{en}\n{tw}");
        assert_eq!(en.lines().next(), cn.lines().next());
        assert!(en.lines().next().unwrap().ends_with(&format!("({id})")));
        let line = |text: &str, start: &str| {
            text.lines()
                .find(|l| l.starts_with(start))
                .unwrap_or_else(|| panic!("no `{start}` in\n{text}"))
                .to_string()
        };
        // English as before.
        assert!(line(&en, "email ").contains(" · phone "), "{en}");
        let org = line(&en, "organization ");
        assert!(
            org.contains(" · city ") && org.contains(" · customer since 20"),
            "{org}"
        );
        let orders = line(&en, "orders ");
        assert!(
            orders.contains(" · total ¥") && orders.contains(" · RFM "),
            "{orders}"
        );
        assert!(line(&en, "tier ").contains(") · "), "{en}");
        assert!(line(&en, "timeline (").ends_with(" open tickets):"), "{en}");
        // Chinese: the prose in its script, the data and machine words kept.
        let cn_orders = line(&cn, "订单 ");
        assert!(
            cn_orders.contains(" 笔 · 合计 ¥") && cn_orders.contains(" · RFM "),
            "{cn_orders}"
        );
        let total = |l: &str| {
            l.split('¥')
                .nth(1)
                .and_then(|t| t.split(' ').next())
                .map(String::from)
        };
        assert_eq!(total(&orders), total(&cn_orders));
        assert!(line(&cn, "邮箱 ").contains(" · 电话 "), "{cn}");
        assert!(line(&cn, "单位 ").contains(" · 客户始于 20"), "{cn}");
        assert!(line(&cn, "时间线（").ends_with(" 张未结工单）："), "{cn}");
        let tw_orders = line(&tw, "訂單 ");
        assert!(tw_orders.contains(" 筆 · 合計 ¥"), "{tw_orders}");
        assert!(line(&tw, "電子郵件 ").contains(" · 電話 "), "{tw}");
        assert!(line(&tw, "公司 ").contains(" · 成為客戶於 20"), "{tw}");
        assert!(line(&tw, "時間軸（").ends_with(" 張未結工單）："), "{tw}");
        for zh in [&cn, &tw] {
            for english in [
                "organization ",
                "orders ",
                "timeline (",
                "email ",
                "lifetime value",
            ] {
                assert!(!zh.lines().any(|l| l.starts_with(english)), "{zh}");
            }
        }
        // The profile's words and reasons — tier source, stage, risk, their reasons, the risk signals, warranty,
        // care notes — in Chinese too: no English word is left beside the machine ones (RFM, NPS, CSAT).
        for zh in [&cn, &tw] {
            let profile = [
                "等级 ", "等級 ", "阶段 ", "階段 ", "风险 ", "風險 ", "  - ", "关怀 ", "關懷 ",
                "挽回 ",
            ];
            for l in zh
                .lines()
                .filter(|l| profile.iter().any(|p| l.starts_with(p)))
            {
                let words = ["RFM", "NPS", "CSAT"]
                    .iter()
                    .fold(l.to_string(), |t, w| t.replace(w, ""));
                assert!(!words.contains(|c: char| c.is_ascii_alphabetic()), "{l}");
            }
            for l in zh
                .lines()
                .filter(|l| l.starts_with("产品 ") || l.starts_with("產品 "))
            {
                let state = l.rsplit(" · ").next().unwrap_or_default();
                assert!(!state.contains(|c: char| c.is_ascii_alphabetic()), "{l}");
            }
        }
        if en.contains("lifetime value ¥") {
            assert!(
                cn.contains("客户终身价值 ¥") && tw.contains("客戶終身價值 ¥"),
                "{cn}\n{tw}"
            );
        }
    }
    // A customer that is not there fails the same way in every language.
    let codes: Vec<i32> = LANGS
        .iter()
        .map(|lang| {
            run(
                h,
                lang,
                &["--db", db, "customer", "show", "nobody@nowhere.example"],
            )
            .0
        })
        .collect();
    assert!(
        codes[0] != 0 && codes.iter().all(|c| *c == codes[0]),
        "{codes:?}"
    );
}

#[test]
fn kb_and_service_lines_follow_the_locale() {
    for lang in LANGS {
        let home = tempfile::tempdir().unwrap();
        let h = home.path();
        let db = h.join("desk.db");
        let db = db.to_str().unwrap();
        ok(h, "C.UTF-8", &["--db", db, "init"]);
        let dir = h.join("kb");
        let dir = dir.to_str().unwrap();
        let exported = ok(h, lang, &["--db", db, "kb", "export", dir]);
        let expected = pick(
            lang,
            [
                "exported 6 articles to {dir}",
                "已导出 6 篇文章到 {dir}",
                "已匯出 6 篇文章到 {dir}",
            ],
        );
        assert_eq!(exported, format!("{}\n", expected.replace("{dir}", dir)));
        let imported = ok(h, lang, &["--db", db, "kb", "import", dir]);
        let expected = pick(
            lang,
            [
                "imported 6 articles from {dir}: 0 new, 0 updated, 6 unchanged",
                "已从 {dir} 导入 6 篇文章：新增 0 篇，更新 0 篇，6 篇未变",
                "已從 {dir} 匯入 6 篇文章：新增 0 篇，更新 0 篇，6 篇未變更",
            ],
        );
        assert_eq!(imported, format!("{}\n", expected.replace("{dir}", dir)));
        let (code, _, _) = run(
            h,
            lang,
            &["--db", db, "kb", "status", "nothing-here", "published"],
        );
        assert_ne!(code, 0);

        let swept = ok(h, lang, &["--db", db, "sla", "run"]);
        let expected = pick(
            lang,
            [
                "0 escalated, 0 closed, 0 clocks recomputed",
                "升级 0 张，关闭 0 张，重算 0 个计时",
                "升級 0 張，關閉 0 張，重新計算 0 個計時",
            ],
        );
        assert_eq!(swept, format!("{expected}\n"));
        let (code, _, err) = run(h, lang, &["--db", db, "task", "list", "--due", "today"]);
        assert_eq!(code, 0);
        let expected = pick(
            lang,
            [
                "no open tasks due today",
                "没有 today 到期的待办任务",
                "沒有 today 到期的待辦任務",
            ],
        );
        assert!(err.contains(expected), "{err}");
        let items = ok(h, lang, &["--db", db, "survey", "items"]);
        let expected = pick(
            lang,
            [
                "Each item is scored 1–5: desk survey record --ticket N --item product=4 …",
                "每题按 1–5 分打分：desk survey record --ticket N --item product=4 …",
                "每題以 1–5 分評分：desk survey record --ticket N --item product=4 …",
            ],
        );
        assert_eq!(items.lines().last(), Some(expected), "{items}");
        let rubric = ok(h, lang, &["--db", db, "qa", "rubric"]);
        let expected = pick(
            lang,
            [
                "accuracy — Accuracy 准确性 · weight 25 · 0–5 · critical",
                "accuracy — Accuracy 准确性 · 权重 25 · 0–5 · 关键项",
                "accuracy — Accuracy 准确性 · 權重 25 · 0–5 · 關鍵項",
            ],
        );
        assert!(rubric.lines().any(|l| l == expected), "{rubric}");
    }
}

#[test]
fn follow_up_and_survey_lines_follow_the_locale_on_the_demo() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let demo = h.join("demo.db");
    ok(h, "C.UTF-8", &["--db", demo.to_str().unwrap(), "demo"]);
    // A solved ticket that waits for its follow-up call.
    let tasks = ok(
        h,
        "C.UTF-8",
        &[
            "--db",
            demo.to_str().unwrap(),
            "task",
            "list",
            "--due",
            "all",
            "--format",
            "csv",
        ],
    );
    let ticket = tasks
        .lines()
        .skip(1)
        .find_map(|l| l.split(',').nth(2).filter(|t| !t.is_empty()))
        .expect("the demo has a follow-up task")
        .trim_start_matches('#')
        .to_string();
    for lang in LANGS {
        let db = h.join(format!("{lang}.db"));
        std::fs::copy(&demo, &db).unwrap();
        let db = db.to_str().unwrap();
        let done = ok(
            h,
            lang,
            &[
                "--db",
                db,
                "task",
                "done",
                "--ticket",
                &ticket,
                "--outcome",
                "confirmed",
            ],
        );
        let start = pick(
            lang,
            [
                "#{n}: follow-up recorded (confirmed solved); loop: ",
                "#{n}：已记录回访（确认已解决）；闭环：",
                "#{n}：已記錄回訪（確認已解決）；服務閉環：",
            ],
        )
        .replace("{n}", &ticket);
        assert!(done.starts_with(&start), "{done}");
        let survey = ok(
            h,
            lang,
            &[
                "--db", db, "survey", "record", "--ticket", &ticket, "--csat", "5",
            ],
        );
        let expected = pick(
            lang,
            [
                "#{n}: survey recorded (CSAT 5)",
                "#{n}：已记录满意度调查（CSAT 5）",
                "#{n}：已記錄滿意度調查（CSAT 5）",
            ],
        )
        .replace("{n}", &ticket);
        assert_eq!(survey, format!("{expected}\n"));
        // Out of range is the same usage error (2) in every language.
        let (code, out, _) = run(
            h,
            lang,
            &[
                "--db", db, "survey", "record", "--ticket", &ticket, "--csat", "9",
            ],
        );
        assert_eq!((code, out.as_str()), (2, ""));
    }
}
