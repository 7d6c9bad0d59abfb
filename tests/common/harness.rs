//! Drives the whole app synchronously on a TestBackend: keys → update → loads answered by the real store →
//! render. The clock is frozen, so snapshots are stable.

use desk::app::commands::Keymap;
use desk::app::keys::Key;
use desk::app::{self, Effect, Identity, Model, Msg, Settings};
use desk::runtime::serve;
use desk::store::Store;
use desk::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::collections::VecDeque;
use unicode_width::UnicodeWidthStr;

/// Stands in for `$EDITOR`: gets the template, returns the saved text (None: the editor failed).
pub type FakeEditor = Box<dyn FnMut(&str) -> Option<String>>;

pub struct Harness {
    pub editor: Option<FakeEditor>,
    pub model: Model,
    pub store: Store,
    pub theme: Theme,
    pub now: i64,
    pub quit: bool,
    /// Every [`Effect::Open`] update asked for, in order (the test answers it, if at all).
    pub opened: Vec<Effect>,
    /// How many times update asked the background mail job for a round now.
    pub mail_now: usize,
    /// How many times update asked the background sync job for a sync now.
    pub sync_now: usize,
}

impl Harness {
    pub fn new(store: Store, handle: Option<&str>, width: u16, height: u16, now: i64) -> Harness {
        Harness::in_locale(store, handle, (width, height), now, desk::i18n::Locale::En)
    }

    /// [`Harness::new`] with the interface in `locale`.
    pub fn in_locale(
        mut store: Store,
        handle: Option<&str>,
        (width, height): (u16, u16),
        now: i64,
        locale: desk::i18n::Locale,
    ) -> Harness {
        store.set_actor(handle.map(Into::into));
        // The shipped SLA rules, with every open ticket's clock computed as of the frozen `now`.
        let cfg = desk::config::Config::default();
        let l = cfg.loop_rules();
        store.set_service_rules(desk::store::sla::ServiceRules::new(
            cfg.sla_rules(),
            l.follow_up_after,
            l.auto_close_after,
        ));
        // Tiers first, as `desk --demo` does: they pick each ticket's SLA policy.
        store
            .recompute_customers(now, &mut |_, _| {})
            .expect("customers");
        store
            .recompute_stale_clocks(now, usize::MAX)
            .expect("clocks");
        let agent_id = handle.and_then(|h| store.agent_id(h).ok().flatten());
        let settings = Settings {
            keymap: Keymap::defaults(),
            mouse: true,
            identity: Identity {
                handle: handle.map(Into::into),
                agent_id,
            },
            db_label: "test.db".into(),
            storage: desk::store::StorageMode::Local,
            locale,
            date_format: None,
            macros: desk::config::MacroList::default()
                .0
                .iter()
                .map(|m| m.to_macro())
                .collect(),
            views: desk::config::Config::default().all_views(),
            utc_offset: 0,
            // Off: tests that want the periodic SLA check send it themselves.
            sla_check_every: 0,
            tier_priority: desk::domain::crm::CrmRules::default().default_priority,
            tier_names: desk::domain::crm::CrmRules::default().tier_names,
            root_causes: desk::domain::loop_rules::LoopPolicy::default().root_causes,
            close_reasons: desk::domain::loop_rules::LoopPolicy::default().skip_loop_reasons,
            kb_rules: desk::domain::kb::KbRules::default(),
            metrics_rules: desk::domain::metrics::MetricsRules::default(),
            refresh_secs: 1,
            review_notes: true,
            undo_window: 600,
            mail_out: None,
        };
        let (model, effects) = app::init(settings, width, height, now);
        let mut h = Harness {
            editor: None,
            model,
            store,
            theme: Theme::colored(),
            now,
            quit: false,
            opened: Vec::new(),
            mail_now: 0,
            sync_now: 0,
        };
        h.run_effects(effects);
        h
    }

    fn run_effects(&mut self, effects: Vec<Effect>) {
        let mut queue: VecDeque<Effect> = effects.into();
        while let Some(e) = queue.pop_front() {
            match e {
                Effect::Load(req) => {
                    let msg = Msg::Loaded(serve(&mut self.store, req));
                    queue.extend(app::update(&mut self.model, msg, self.now));
                }
                Effect::Edit { purpose, template } => {
                    let text = self.editor.as_mut().and_then(|e| e(&template));
                    queue.extend(app::update(
                        &mut self.model,
                        Msg::Edited {
                            purpose,
                            text: text.ok_or_else(|| {
                                "could not start the editor `fake` ($EDITOR): not set in this test; set $VISUAL or $EDITOR".to_string()
                            }),
                        },
                        self.now,
                    ));
                }
                e @ Effect::Open { .. } => self.opened.push(e),
                // The background mail job is not part of the harness; tests send its Msgs themselves.
                Effect::MailNow => self.mail_now += 1,
                // Likewise the background sync job.
                Effect::SyncNow => self.sync_now += 1,
                Effect::Quit => self.quit = true,
            }
        }
    }

    pub fn send(&mut self, msg: Msg) {
        let effects = app::update(&mut self.model, msg, self.now);
        self.run_effects(effects);
    }

    /// Presses keys written as config writes them, space-separated: `"j j enter"`, `"ctrl-d"`, `"g g"`.
    pub fn keys(&mut self, spec: &str) -> &mut Self {
        for k in spec.split_whitespace() {
            let key = Key::parse(k).unwrap_or_else(|e| panic!("bad key in test: {e}"));
            self.send(Msg::Key(key));
        }
        self
    }

    /// Types text into a prompt, one key per character.
    pub fn type_text(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            self.send(Msg::Key(Key::ch(c)));
        }
        self
    }

    pub fn resize(&mut self, w: u16, h: u16) -> &mut Self {
        self.send(Msg::Resize(w, h));
        self
    }

    /// The screen as text, one line per row, trailing spaces trimmed; wide characters take their two cells.
    pub fn screen(&self) -> String {
        let mut term = Terminal::new(TestBackend::new(self.model.width, self.model.height))
            .expect("test terminal");
        term.draw(|f| ui::render(f, &self.model, &self.theme))
            .expect("draw");
        let buf = term.backend().buffer();
        let mut out = Vec::new();
        for y in 0..buf.area.height {
            let mut line = String::new();
            let mut skip = 0;
            for x in 0..buf.area.width {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let sym = buf[(x, y)].symbol();
                skip = UnicodeWidthStr::width(sym).saturating_sub(1);
                line.push_str(sym);
            }
            out.push(line.trim_end().to_string());
        }
        out.join("\n")
    }
}
