# The command line's errors about its input (exit code 2), and a few other errors of its commands. Variables carry
# the machine words — flags, field names, allowed values, paths, ids — which stay as they are in every language.

# Shared by several commands.
usage-unknown-value = unknown {$what} `{$value}` (expected one of: {$allowed})
usage-labelled = {$label}: {$problem}
usage-not-field-value = `{$change}` is not FIELD=VALUE; e.g. {$example}
usage-cannot-set = cannot set `{$field}`; fields: {$fields}
usage-date-flag = {$flag} `{$value}`: use YYYY-MM-DD
usage-not-a-date = {$flag} `{$value}` is not a date; write it as YYYY-MM-DD, like {$example}
usage-clock-out-of-range = the clock is out of range
usage-file-exists = {$path} exists; desk does not overwrite files
usage-not-a-replica = {$path} is not a replica; make one with `desk replica create --from TEAM.db LOCAL.db`

# Tickets.
usage-ticket-number = `{$value}` is not a ticket number (like 1042 or #1042)
usage-ticket-not-a-change = `{$spec}` is not a change; write field=value, tags+=tag or tags-=tag
usage-tag-empty = a tag cannot be empty
usage-tag-not-one-word = `{$tag}` is not one tag: a tag is one word without spaces, control characters, `,`, `|` or `"` (like vip, out-of-warranty or 退款)
usage-ticket-subject-empty = --subject is empty
usage-ticket-who-is-writing = who is writing? set agent.handle in the config (or USER) to the handle of an agent in this database
usage-ticket-body-missing = give the text with --body, --body-file or on standard input
usage-ticket-body-empty = the message is empty; nothing was written
usage-ticket-unknown-view = unknown view `{$view}`; views: {$views}
usage-ticket-import-bad-lines = {$n} bad lines (above): nothing imported; fix them, or --skip-bad to import the {$good} good ones

# Visits and returns.
usage-visit-number = `{$value}` is not a visit number; e.g. V3 or 3
usage-visit-no-midnight = {$date} has no midnight in {$zone}
usage-visit-field-value = {$field} `{$value}`: {$problem}
usage-visit-window-hint = use `YYYY-MM-DD HH:MM-HH:MM` or `YYYY-MM-DD HH:MM+2h`
usage-visit-labour-hint = use minutes (45) or a duration (1h30m)
usage-visit-quote-hint = use an amount in yuan (350.00) or pending, accepted, declined
usage-visit-not-a-field = `{$field}` is not a field of a visit; fields: {$fields}
usage-visit-part-quantity = part `{$value}`: the quantity after `:` is a number
usage-visit-part-location = part `{$value}`: name the stock location, e.g. {$code}:1@上海仓
usage-visit-window = --window `{$value}`: use `YYYY-MM-DD HH:MM-HH:MM` or `YYYY-MM-DD HH:MM+2h`
usage-return-number = `{$value}` is not a request number; e.g. R2 or 2
usage-return-refund = refund `{$value}`: an amount in yuan, e.g. 199 or 199.50
usage-return-not-a-field = `{$field}` is not a field of a return request; fields: {$fields}

# Parts.
usage-part-money = {$flag} `{$value}`: an amount in yuan, e.g. 89 or 89.50
usage-part-reorder = --reorder is a count of 0 or more

# Reports and improvement plans.
usage-report-to-needs-from = --to needs --from (the first day of the report)
usage-report-backwards = the period ends ({$to}) before it starts ({$from})
usage-report-period = --period `{$value}` is not a period; use today, 7d, 30d or quarter, or give --from and --to
usage-report-group-by = --group-by `{$value}` is not a dimension; use one of: {$allowed}
usage-plan-indicator = `{$value}` is not an indicator; use one of: {$allowed}
usage-plan-suggestion-range = the report has {$n} suggestions; give one of 1–{$n} (see `desk report`)
usage-plan-suggestion-no-indicator = suggestion {$n} ({$rule}) names no indicator to move; use --title and --indicator
usage-plan-from-what = give --from-suggestion N, or --title and --indicator
usage-plan-not-a-change = `{$change}` is not a change; write field=value
usage-plan-status = status `{$value}`: use one of {$allowed}

# Agents, groups, quality inspection.
usage-agent-capacity = capacity `{$value}` is not a number of tickets (or none)
usage-agent-availability = availability `{$value}`: use one of {$allowed}
usage-agent-not-a-field = `{$field}` is not a dispatch field; fields: {$fields}
usage-agent-role = `{$value}` is not a role; use one of: {$allowed}
usage-group-assignment = assignment `{$value}`: use one of {$allowed}
usage-group-archived = archived `{$value}`: use yes or no
usage-group-not-a-field = `{$field}` is not a field of a group that can be set; fields: {$fields}
usage-qa-who = who are you? set agent.handle in the config or give --agent

# Customers, tasks and their files.
usage-customer-view = unknown customer view `{$view}` (views: {$views})
usage-customer-due = --due {$value}: use today, 7d, overdue or all
usage-customer-change = `{$change}`: write changes as field=value
usage-task-due = --due {$value}: use today, overdue, all or a window such as 7d or 12h
usage-csv-unreadable = {$path}: cannot read it ({$error})
usage-csv-rejects-unwritable = {$path}: cannot write the rejects file ({$error})
usage-csv-refused = {$path}: {$problem}; nothing was imported
usage-csv-bad-rows = {$path}: {$n} bad rows; nothing was imported — fix the rows above or pass --skip-bad
usage-csv-not-encoding = {$file} is not valid {$encoding} (line {$line} has bytes it does not have); check the file's encoding, or save it as “CSV UTF-8” and leave out --encoding
usage-csv-looks-like = {$file} is not UTF-8 (from line {$line}); it looks like {$encoding} — pass --encoding {$flag}, or save it as “CSV UTF-8”
usage-csv-not-utf8 = {$file} is not UTF-8 (from line {$line}) nor GBK or Big5; save it as “CSV UTF-8” (Excel: Save As → CSV UTF-8)
usage-kb-bad-files = {$path}: {$n} bad files; nothing was imported — fix the files above or pass --skip-bad

# Mail and the intake.
usage-mail-no-mailbox-called = no mailbox called "{$name}" (configured: {$known})
usage-mail-no-mailbox = no [[mail.inbound]] mailbox is configured (config.example.toml shows one)
usage-mail-not-fetched = not fetched: {$mailboxes} (see above)
usage-mail-not-delivered = {$failed} of {$due} mails were not delivered (see above; `desk mail outbox`)
usage-ingest-bad-record-after = {$place}: {$problem} ({$before} records before it were ingested; running the batch again is safe)
usage-ingest-skipped = {$n} bad records skipped (see the lines above)

# The database, replicas and the hub.
usage-demo-not-empty = {$path} already holds {$tickets} tickets, {$customers} customers and {$articles} articles; pass --force to replace it with the demo, or choose another --db
usage-replica-exists = {$path} already exists; a replica is made into a new file — choose another name (or delete that file if it is an old replica whose changes you no longer need)
usage-check-not-a-replica = {$path} is not a replica; `--against` compares a replica with its hub
usage-check-waiting = {$differing} row(s) differ while {$waiting} change(s) wait to sync; run `desk sync` and check again
usage-hub-which = which hub? give its URL (postgres://USER@HOST:PORT/DATABASE), or set DESK_HUB_URL or [hub] url
usage-hub-not-url = {$url} is not a PostgreSQL URL; a hub is written postgres://USER@HOST:PORT/DATABASE

# Backups and restores.
usage-backup-exists = {$path} already exists; pass --force to replace it, or choose another name
usage-backup-same-file = {$path} is the database being copied; choose a different file
usage-backup-other-database =
    {$source} belongs to another database than {$target}:
    {"  "}the backup: {$backup}
    {"  "}replacing:  {$replacing}
    nothing was changed; if you mean to replace it with a different database, restore again with --force
# clap's own parse errors. English output keeps clap's wording; these are the same sentences for completeness.
usage-clap-see-help = {$problem}; see `{$command} --help`
usage-clap-unknown-argument = unexpected argument '{$arg}' found
usage-clap-unknown-subcommand = unrecognized subcommand '{$command}'
usage-clap-invalid-value-allowed = invalid value '{$value}' for '{$arg}'; possible values: {$allowed}
usage-clap-invalid-value = invalid value '{$value}' for '{$arg}'
usage-clap-invalid-value-because = invalid value '{$value}' for '{$arg}': {$reason}
usage-clap-missing = the following required arguments were not provided: {$args}
usage-clap-conflict = the argument '{$arg}' cannot be used with '{$prior}'
usage-clap-did-you-mean = {$problem}; tip: a similar one exists: '{$suggestion}'
usage-not-a-row-count = `{$value}` is not a number of rows (a whole number, 0 or more)
usage-not-a-locale = `{$value}` is not one of en, zh-CN, zh-TW
usage-demo-traditional = the demo's Chinese is written in simplified characters; use zh-CN (or en) for the demo, and ui.locale = "zh-TW" for the interface
usage-demo-locale = `{$value}` is not one of en, zh-CN
