# The help overlay (`?`): its title, the section headings (one per context of the command registry, also the
# headings of `desk keys` and README's key tables) and the notes on keys that are not commands.
help-title = Keys — { $search } search, { $close } closes, { $down }/{ $up } scroll
help-no-match = Nothing in help matches “{ $query }” — Esc shows it all
help-messages-title = Messages — { $close } closes
help-messages-empty = No messages yet since desk started.

help-context-global = Everywhere
help-context-queues = Queues
help-context-ticket = Ticket
help-context-customers = Customers
help-context-kb = Knowledge base
help-context-dashboard = Dashboard
help-context-help = This help
help-context-help-search = Searching this help
help-context-messages = Messages (every toast since desk started)
help-context-palette = Command palette
help-context-prompt = Prompts and filters
help-context-picker = Pickers (status, priority, agent, macro …)
help-context-new-ticket = New-ticket form
help-context-survey = Survey form
help-context-escalations = Escalation list
help-context-suggestions = Suggested articles
help-context-conflict = Someone changed the ticket first
help-context-collision = The thread moved on while you wrote
help-context-review = Reviewing a reply or note before it is sent
help-context-confirm = Questions before something irreversible
help-context-sync-conflicts = Your edits that lost at sync (:conflicts)
help-context-schedule = Engineers' schedule (上门服务, g v)
help-context-qa = Quality inspection (质检, g q)
help-context-qa-form = QA scoring form
help-context-plans = Improvement plans (PDCA 改进措施, g i)
help-context-loop-form = Complaint stage and follow-up call forms (E, F)
help-context-text-input = Editing text (prompts, the palette, form fields)

help-note-palette = Type to search commands by name or description.
help-note-help-search = Type words to keep only the keys, commands and sections that contain them.
help-note-prompt = Type the answer; paste works.
help-note-picker = Type to narrow the options; 1–9 choose one directly while nothing is typed.
help-note-new-ticket = Type in the customer and subject fields; in the other fields h/l or Space also change the choice.
help-note-scores = Digits give a score; type in the comment field.
help-note-loop-form = Type in the text fields; ←/→ change a choice.
help-note-suggestions = 1–9 select that article.
help-note-schedule = ! marks overlapping visits, ~ too little time to travel between places.
