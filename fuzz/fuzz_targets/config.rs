//! Config loading: any text is a config or one error line; a config that loads keeps its views, keys and rules
//! usable (its views parse, its keymap builds, its SLA and loop rules compile, its theme resolves).
#![no_main]

use desk::domain::view::BuiltinView;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(config) = desk::config::parse(text, "fuzz") else {
        return;
    };
    // Everything below was checked by parse: it must hold and must not panic.
    assert_eq!(
        config.all_views().len(),
        BuiltinView::ALL.len() + config.views.len()
    );
    for m in &config.macros.0 {
        let _ = m.to_macro();
    }
    assert!(desk::app::commands::Keymap::build(&config.keys_map()).is_ok());
    assert!(config.sla.rules().is_ok());
    assert!(config.service_loop.rules().is_ok());
    let _ = config.theme.resolve(false);
});
