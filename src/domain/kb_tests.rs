use super::*;
use proptest::prelude::*;

const OK: &str = "+++\ntitle = \"Reset your password\"\ncategory = \"Accounts\"\ntags = [\"password\", \"login\"]\nstatus = \"published\"\n+++\n\n## Steps\n\n1. Open the app.\n";

#[test]
fn an_article_file_parses_into_its_parts() {
    let d = ArticleDoc::parse(OK).unwrap();
    assert_eq!(d.title, "Reset your password");
    assert_eq!(d.category.as_deref(), Some("Accounts"));
    assert_eq!(d.tags, vec!["password", "login"]);
    assert_eq!(d.status, ArticleStatus::Published);
    assert_eq!(d.body, "## Steps\n\n1. Open the app.");
    assert_eq!(d.id, None);
}

#[test]
fn a_front_matter_id_must_be_an_article_id_as_desk_writes_them() {
    let with_id = |id: &str| format!("+++\nid = \"{id}\"\ntitle = \"T\"\n+++\nBody");
    let good = "01JABCDEFGHJKMNPQRSTVWXYZ0";
    assert!(is_article_id(good));
    assert_eq!(
        ArticleDoc::parse(&with_id(good)).unwrap().id.as_deref(),
        Some(good)
    );
    for bad in [
        "article-7",
        "01jabcdefghjkmnpqrstvwxyz0",
        "01JABCDEFGHJKMNPQRSTVWXYZ",
        "01JABCDEFGHJKMNPQRSTVWXYZU",
    ] {
        let e = ArticleDoc::parse(&with_id(bad)).unwrap_err();
        assert_eq!(e.line, 2, "{bad}");
        assert!(
            e.message.contains("is not an article id"),
            "{bad}: {}",
            e.message
        );
    }
}

#[test]
fn front_matter_tags_follow_the_tag_rule() {
    let e = ArticleDoc::parse(&OK.replace("\"login\"", "\"log in\"")).unwrap_err();
    assert_eq!(e.line, 4, "{e}");
    assert!(
        e.message.starts_with("tags: `log in` is not one tag"),
        "{e}"
    );
    let e = ArticleDoc::parse(&OK.replace("\"login\"", "\"\"")).unwrap_err();
    assert_eq!(
        (e.line, e.message.as_str()),
        (4, "tags: a tag cannot be empty")
    );
    let e = ArticleDoc::parse(&OK.replace("\"login\"", "\"x\\u001b[2J\"")).unwrap_err();
    assert!(!e.message.contains(char::is_control), "{e:?}");
    let d = ArticleDoc::parse(&OK.replace("\"login\"", "\" Log\u{200b}In \"")).unwrap();
    assert_eq!(d.tags, vec!["password", "login"]);
}

#[test]
fn status_defaults_to_draft_and_empty_category_is_none() {
    let d = ArticleDoc::parse("+++\ntitle = \"T\"\ncategory = \" \"\n+++\nBody").unwrap();
    assert_eq!(d.status, ArticleStatus::Draft);
    assert_eq!(d.category, None);
}

#[test]
fn bad_front_matter_names_the_line() {
    let e = ArticleDoc::parse("# Title\n\nBody").unwrap_err();
    assert_eq!(e.line, 1);
    let e = ArticleDoc::parse(&OK.replace("published", "live")).unwrap_err();
    assert_eq!(e.line, 5, "{e}");
    assert!(e.message.contains("draft, published, archived"), "{e}");
    let e = ArticleDoc::parse(&OK.replace("tags = [", "tags = ")).unwrap_err();
    assert_eq!(e.line, 4, "{e}");
    let e = ArticleDoc::parse(&OK.replace("category", "categroy")).unwrap_err();
    assert_eq!(e.line, 3, "{e}");
    assert!(e.message.contains("categroy"), "{e}");
    let e = ArticleDoc::parse(&OK.replace("\"Reset your password\"", "\"  \"")).unwrap_err();
    assert_eq!(e.line, 2, "{e}");
    let e = ArticleDoc::parse("+++\ntitle = \"T\"\n+++\n\n  \n").unwrap_err();
    assert_eq!(e.line, 4, "{e}");
    let e = ArticleDoc::parse("+++\ntitle = \"T\"\n").unwrap_err();
    assert!(e.message.contains("closing"), "{e}");
}

#[test]
fn render_writes_what_parse_reads() {
    let mut d = ArticleDoc::parse(OK).unwrap();
    d.id = Some("01JABCDEFGHJKMNPQRSTVWXYZ0".into());
    let text = d.render();
    assert!(
        text.starts_with(
            "+++\nid = \"01JABCDEFGHJKMNPQRSTVWXYZ0\"\ntitle = \"Reset your password\"\n"
        ),
        "{text}"
    );
    assert_eq!(ArticleDoc::parse(&text).unwrap(), d);
    assert_eq!(ArticleDoc::parse(&text).unwrap().render(), text);
}

fn doc_strategy() -> impl Strategy<Value = ArticleDoc> {
    let text = "[a-zA-Z0-9 支付失败\"'#=\\[\\]]{1,20}";
    (
        // Ids as desk makes them (ULIDs: Crockford base32, the first digit 0–7).
        proptest::option::of("[0-7][0-9A-HJKMNP-TV-Z]{25}"),
        text,
        proptest::option::of(text),
        proptest::collection::vec("[a-z支付]{1,8}", 0..4),
        prop::sample::select(ArticleStatus::ALL.to_vec()),
        "[a-z 支付\n#>*`|+-]{0,60}[a-z支]",
    )
        .prop_map(|(id, title, category, tags, status, body)| ArticleDoc {
            id,
            title: title.trim().to_string(),
            category: category.map(|c| c.trim().to_string()),
            tags,
            status,
            body: body.trim_start_matches(['\n', '\r']).trim_end().to_string(),
        })
        .prop_filter("needs a title, text and a non-blank category", |d| {
            !d.title.is_empty()
                && !d.body.trim().is_empty()
                && d.category.as_ref().is_none_or(|c| !c.is_empty())
        })
}

proptest! {
    #[test]
    fn any_document_survives_a_round_trip(d in doc_strategy()) {
        let text = d.render();
        let back = ArticleDoc::parse(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&back, &d);
        prop_assert_eq!(back.render(), text);
    }
}

#[test]
fn views_select_statuses_order_and_thresholds() {
    let rules = KbRules::default();
    let now = 1_000 * 86_400;
    let all = KbView::All.select(&rules, now);
    assert_eq!(
        all.statuses,
        vec![ArticleStatus::Draft, ArticleStatus::Published]
    );
    assert_eq!(
        KbView::Drafts.select(&rules, now).statuses,
        vec![ArticleStatus::Draft]
    );
    let stale = KbView::Stale.select(&rules, now);
    assert_eq!(stale.updated_before, Some(820 * 86_400));
    assert_eq!(stale.sort, KbSort::Oldest);
    let least = KbView::LeastHelpful.select(&rules, now);
    assert_eq!((least.min_votes, least.sort), (Some(5), KbSort::Unhelpful));
    assert_eq!(KbView::MostUsed.select(&rules, now).sort, KbSort::Uses);
    assert_eq!(KbView::Archived.next(), KbView::All);
    assert_eq!(KbView::All.prev(), KbView::Archived);
}

#[test]
fn unhelpful_share_is_in_thousandths() {
    assert_eq!(unhelpful_permille(0, 0), 0);
    assert_eq!(unhelpful_permille(3, 1), 250);
    assert_eq!(unhelpful_permille(0, 7), 1000);
}

#[test]
fn rules_check_names_each_bad_value() {
    let bad = KbRules {
        stale_days: 0,
        min_votes: 0,
        link_template: "https://help.example.com/".into(),
        suggestions: 12,
    };
    let problems = bad.check();
    assert_eq!(problems.len(), 4, "{problems:?}");
    assert!(problems[2].contains("{id}"));
    assert!(KbRules::default().check().is_empty());
    assert_eq!(
        KbRules {
            link_template: "https://help.example.com/kb/{id}".into(),
            ..KbRules::default()
        }
        .url("01X"),
        "https://help.example.com/kb/01X"
    );
}

#[test]
fn english_terms_drop_stop_words_and_order_numbers_and_stem() {
    let t = suggestion_terms(
        &[
            "Payment failed for order DS20261103",
            "My card was declined twice",
        ],
        20,
    );
    assert_eq!(t, vec!["payment", "fail", "card", "declin", "twice"]);
}

#[test]
fn chinese_runs_become_trigrams() {
    let t = suggestion_terms(&["订单支付失败"], 20);
    assert_eq!(t, vec!["订单支", "单支付", "支付失", "付失败"]);
    assert!(
        suggestion_terms(&["退款"], 20).is_empty(),
        "two characters cannot match a trigram"
    );
    let mixed = suggestion_terms(&["App登录密码错误"], 20);
    assert_eq!(mixed, vec!["app", "登录密", "录密码", "密码错", "码错误"]);
}

#[test]
fn terms_are_unique_and_capped() {
    let t = suggestion_terms(&["refund refund refunds", "refund"], 20);
    assert_eq!(t, vec!["refund"]);
    let many = suggestion_terms(&["alpha bravo charlie delta echo foxtrot"], 3);
    assert_eq!(many, vec!["alpha", "bravo", "charlie"]);
}

#[test]
fn snippets_lose_markdown_and_keep_hits() {
    let raw = format!("## Steps\n\n1. **Open** the {HIT_START}app{HIT_END} | settings");
    let tidy = tidy_snippet(&raw);
    assert_eq!(
        tidy,
        format!("Steps 1. Open the {HIT_START}app{HIT_END} settings")
    );
    assert_eq!(
        tidy_snippet("see [help](https://x.example/a) now …](https://cut"),
        "see help now …"
    );
    let parts = snippet_parts(&tidy);
    assert_eq!(
        parts,
        vec![
            ("Steps 1. Open the ".to_string(), false),
            ("app".to_string(), true),
            (" settings".to_string(), false)
        ]
    );
}

#[test]
fn short_query_snippets_mark_the_first_match() {
    let s = snippet_around("Refunds reach WeChat Pay in 1-3 days.", "pay", 6);
    assert_eq!(s, format!("…eChat {HIT_START}Pay{HIT_END} in 1-…"));
    let zh = snippet_around("退款原路退回，一般1-3天到账", "退回", 2);
    assert_eq!(zh, format!("…原路{HIT_START}退回{HIT_END}，一…"));
    assert_eq!(snippet_around("abc", "zz", 5), "abc");
    // Lowercasing `İ` adds a byte and `ẞ` loses one: the match is still marked on the right characters.
    assert_eq!(
        snippet_around("İẞx", "ß", 5),
        format!("İ{HIT_START}ẞ{HIT_END}x")
    );
    assert_eq!(
        snippet_around("Straße İstanbul", "İSTAN", 3),
        format!("…ße {HIT_START}İstan{HIT_END}bul")
    );
}

#[test]
fn replies_insert_a_link_or_the_quoted_article() {
    let link = reply_text(Insert::Link, "Reset [your] password", "ignored", "kb:01X");
    assert_eq!(
        link,
        "This article should help: [Reset your password](kb:01X)\n"
    );
    let body = reply_text(Insert::Body, "Reset", "Step one.\n\nStep two.", "kb:01X");
    assert_eq!(
        body,
        "> **Reset**\n>\n> Step one.\n>\n> Step two.\n\nFull article: [Reset](kb:01X)\n"
    );
}

#[test]
fn a_title_or_category_over_two_lines_is_refused() {
    // Found by fuzzing: a multi-line title holding a `+++` line rendered into a file that no longer parsed.
    let text = "+++\ntitle = \"Reset\\n+++\\nid\"\n+++\n\nBody.\n";
    let e = ArticleDoc::parse(text).unwrap_err();
    assert_eq!(
        (e.line, e.message.as_str()),
        (2, "the title is one line; remove the line break")
    );
    let text = "+++\ntitle = \"Reset\"\ncategory = \"A\\nB\"\n+++\n\nBody.\n";
    let e = ArticleDoc::parse(text).unwrap_err();
    assert_eq!(
        (e.line, e.message.as_str()),
        (3, "the category is one line; remove the line break")
    );
}
