use super::*;

fn form(purpose: Purpose, fields: Vec<Field>) -> LoopForm {
    LoopForm {
        number: 1042,
        purpose,
        fields,
        focus: 0,
    }
}

#[test]
fn a_complaint_form_sends_the_stage_with_what_it_needs_and_names_what_is_missing() {
    let severities = ComplaintSeverity::ALL
        .iter()
        .map(|s| (s.as_str().to_string(), s.as_str().to_string()))
        .collect();
    let mut f = form(
        Purpose::Complaint {
            stage: ComplaintStage::Registered,
            solves: false,
        },
        vec![
            text(CATEGORY, None),
            choice(SEVERITY, severities, Some("major")),
        ],
    );
    let err = f
        .complaint_edits(Locale::En, ComplaintStage::Registered, false)
        .unwrap_err();
    assert_eq!(err, "Category is needed for registered 登记");
    if let Some(input) = f.focused_text() {
        input.set("  物流  ");
    }
    assert_eq!(
        f.complaint_edits(Locale::En, ComplaintStage::Registered, false)
            .unwrap(),
        [
            TicketEdit::ComplaintCategory("物流".into()),
            TicketEdit::ComplaintSeverity(ComplaintSeverity::Major),
            TicketEdit::ComplaintStage(ComplaintStage::Registered),
        ]
    );
    // Handling an open complaint solves the ticket in the same write, before the stage the guard checks.
    let causes = vec![("delivery".to_string(), "delivery".to_string())];
    let mut resolve = form(
        Purpose::Complaint {
            stage: ComplaintStage::Resolved,
            solves: true,
        },
        vec![
            choice(ROOT_CAUSE, causes, None),
            text(RESOLUTION, Some("补发".into())),
        ],
    );
    resolve.focus = 1;
    assert!(resolve.focused_text().is_some());
    let edits = resolve
        .complaint_edits(Locale::En, ComplaintStage::Resolved, true)
        .unwrap();
    assert_eq!(
        edits,
        [
            TicketEdit::RootCause("delivery".into()),
            TicketEdit::ComplaintResolution("补发".into()),
            TicketEdit::Status(crate::domain::ticket::Status::Solved),
            TicketEdit::ComplaintStage(ComplaintStage::Resolved),
        ]
    );
    assert_eq!(
        resolve.title(Locale::En),
        "Complaint #1042 → resolved 处理 · solves the ticket"
    );
}

#[test]
fn a_choice_keeps_the_current_value_and_a_focused_choice_takes_no_typing() {
    let options = vec![
        ("li".to_string(), "Li Na (li)".to_string()),
        ("wang".to_string(), "Wang Fang (wang)".to_string()),
    ];
    let mut f = form(
        Purpose::Complaint {
            stage: ComplaintStage::Investigating,
            solves: false,
        },
        vec![choice(OWNER, options.clone(), Some("Wang Fang (wang)"))],
    );
    assert_eq!(f.fields[0].text(), "wang", "found by what is shown");
    assert!(f.focused_text().is_none());
    let unknown = choice(OWNER, options, Some("zhao"));
    assert_eq!(
        unknown.text(),
        "li",
        "an unknown current value starts at the first"
    );
}
