# The command line's success and summary lines for people. Variables carry the machine words — handles, ids,
# roles, paths, commands in backticks — which stay as they are in every language; counts print as written.

# desk init
said-init-ready = database ready at {$path} (schema v{$schema})
said-init-registered = you ({$handle}) are registered as its {$role}; add your team with {$add}

# desk agent
said-agent-added = added {$handle} as {$role}
said-agent-role = {$handle} is now {$role}
said-agent-deactivated = {$handle} is deactivated
said-agent-capacity = {$handle}: capacity {$n} open tickets
said-agent-no-limit = {$handle}: capacity no limit
said-agent-hours = {$handle}: working hours {$calendar}
said-agent-always-on-shift = {$handle}: working hours always on shift
said-agent-availability = {$handle} is {$availability}
said-agent-no-skills = no skills

# desk customer
said-customer-contact = email {$email} · phone {$phone}
said-customer-organization = organization {$organization} · city {$city} · customer since {$since}
said-customer-address = address {$address}
said-customer-address-labelled = address ({$label}) {$address}
said-customer-address-default = {$address} · default
said-customer-gender = gender {$gender}
said-customer-prefers = prefers {$when}
said-customer-tags = tags {$tags}
said-customer-tier = tier {$tier} ({$source}) · {$reason}
said-customer-stage = stage {$stage} · {$reason}
said-customer-risk = risk {$level} ({$score})
said-customer-orders = orders {$count} · total ¥{$total} · RFM {$rfm}
said-customer-value = lifetime value ¥{$value} · {$per-year} orders a year · {$buyer}
said-customer-repeat-buyer = repeat buyer
said-customer-one-order = one order so far
said-customer-product = product {$name} [{$serial}] · {$warranty}
said-customer-care = care {$kind} due {$due} · {$note}
said-customer-notes = notes:
said-customer-timeline = timeline ({$n} open tickets):
said-customer-care-done = care task {$task} done
said-customer-recomputed = recomputed {$customers} customers in {$seconds} s: {$upgraded} upgraded, {$downgraded} downgraded, {$stages} changed stage, {$risky} turned high risk ({$win-back} win-back tasks); {$care} care reminders scheduled

# desk kb
said-kb-status-now = {$id}: now {$status}
said-kb-status-already = {$id}: already {$status}
said-kb-votes = {$id}: {$up} helpful, {$down} not helpful
said-kb-exported = exported {$n} articles to {$path}
said-kb-imported = imported {$n} articles from {$path}: {$new} new, {$updated} updated, {$unchanged} unchanged
said-kb-imported-skipping = imported {$n} articles from {$path}: {$new} new, {$updated} updated, {$unchanged} unchanged; {$bad} bad files skipped

# desk sla run, desk task, desk survey
said-service-auto-closed = #{$n} closed: solved with no customer reply
said-service-sweep = {$escalated} escalated, {$closed} closed, {$clocks} clocks recomputed
said-service-sweep-complaints = {$escalated} escalated, {$closed} closed, {$clocks} clocks recomputed, {$complaints} solved complaints wait for their revisit
said-service-follow-ups-waiting = {$n} solved tickets stay open until their follow-up call (回访) is recorded ({$list})
said-service-replica = this is a replica: escalations and auto-closes are made by its hub and arrive with {$sync}
said-service-no-tasks = no open tasks due {$due}
said-service-no-tasks-at-all = no open tasks due at all
said-service-follow-up = #{$n}: follow-up recorded ({$outcome}); loop: {$stage}
said-service-follow-up-reopened = #{$n}: follow-up recorded ({$outcome}); the ticket is open again
said-service-survey = #{$n}: survey recorded ({$summary})
said-service-low-score = #{$n}: low score ({$why}): a recovery task calls the customer back ({$list})
said-service-low-score-reopened = #{$n}: low score ({$why}): a recovery task calls the customer back ({$list}); the ticket is open again
said-service-no-items = No questionnaire items: surveys ask CSAT, NPS and CES only. Add some under {$setting}.
said-service-items-scored = Each item is scored 1–5: {$example}

# desk qa
said-qa-sampled-ticket = #{$n} is in the QA queue
said-qa-sampled-already = #{$n} was in the QA queue already
said-qa-sampled-week = {$week}: {$n} tickets sampled into the QA queue
said-qa-reviewed = #{$n}: QA review by {$who}: {$score}
said-qa-score-critical = {$total}/100 ✗ critical
said-qa-criterion = {$key} — {$label} · weight {$weight} · 0–{$max}
said-qa-criterion-critical = {$key} — {$label} · weight {$weight} · 0–{$max} · critical
said-qa-sample = agent {$agent} · sampled {$week} ({$reason}) · {$n} reviews
said-qa-review = review by {$who}: {$score}
said-qa-item-critical = {$item} (critical)
said-qa-comment = comment: {$comment}
said-qa-calibration = calibration {$first} → {$second}: total {$diff}

# desk ingest, desk mail fetch, desk attachment
said-intake-created = #{$n} new ticket
said-intake-follow-up = #{$n} new ticket (follow-up of closed #{$of})
said-intake-answer = #{$n} answer
said-intake-answer-reopened = #{$n} answer, reopened
said-intake-survey = #{$n} survey answer: {$scores}
said-intake-survey-reopened = #{$n} survey answer: {$scores}, reopened
said-intake-noted = #{$n} note only: {$reason}
said-intake-ignored = ignored: {$reason}
said-intake-duplicate = #{$n} already in desk
said-intake-duplicate-unknown = already in desk
said-intake-summary = {$n} messages: {$created} new tickets, {$answers} answers, {$notes} notes, {$ignored} ignored, {$duplicates} already in desk
said-intake-mailbox-failed = mailbox {$mailbox}: {$error}
said-intake-skipped = {$place}: skipped: {$error}
said-intake-no-attachments = #{$n} has no attachments
said-intake-saved = saved {$name} ({$size}) to {$path}

# desk mail send, desk mail outbox
said-mail-unknown-group = note: {$section} names no group in desk; its From and signature are not used
said-mail-sent = sent #{$n} {$kind} to {$to} <{$id}>
said-mail-not-sent = not sent #{$n} to {$to}: {$error} (attempt {$attempt}; next try {$next})
said-mail-failed = failed #{$n} to {$to}: {$error} (noted on the ticket)
said-mail-summary = {$due} due: {$sent} sent, {$retry} to retry, {$failed} failed
said-mail-outbox-empty = the outbox is empty
said-mail-outbox-nothing-waiting = the outbox is empty (nothing waiting or failed)

# desk replica, desk sync, desk conflicts
said-sync-replica-made = {$path} is a replica of {$hub} ({$tickets} tickets, {$size} MB); work in it with {$db} (or DESK_DB) and run {$sync} when the hub can be reached
said-sync-hub-not-noted = note: {$hub} could not be written to note the new replica; the first sync reads this replica's whole log
said-sync-duties = {$path} now fetches and sends the team's mail and makes escalations and auto-closes (replica {$replica}); keep a desk running on it (or `desk mail fetch`, `desk mail send` and `desk sla run` from cron)
said-sync-duties-moved = {$path} now fetches and sends the team's mail and makes escalations and auto-closes (replica {$replica}); replica {$before} stops at its next sync; keep a desk running on it (or `desk mail fetch`, `desk mail send` and `desk sla run` from cron)
said-sync-status-replica = replica {$replica} of hub {$hub} at {$location}
said-sync-status-last = last sync: {$at} ({$ago})
said-sync-status-never = last sync: never
said-sync-status-failed = last attempt failed {$at}: {$error}
said-sync-status-to-send = to send: {$changes} changes, {$rows} rows
said-sync-status-to-receive = to receive: {$changes} changes, {$rows} rows
said-sync-status-to-receive-unknown = to receive: unknown (the hub cannot be reached)
said-sync-status-conflicts = open conflicts: {$n}
said-sync-synced = synced with {$hub}
said-sync-sent = sent: {$applied}
said-sync-received = received: {$applied}
said-sync-applied = {$changes} changes, {$rows} rows
said-sync-applied-conflicts = , {$n} conflicts
said-sync-applied-refused = , {$n} refused
said-sync-renumbered = #{$was} is now #{$now}
said-sync-edits-lost = {$n} of your edits lost to concurrent ones; see {$list}
said-sync-accepted = kept the winning value; {$id} is settled
said-sync-reapplied = wrote your value again; {$id} is settled

# desk part
said-part-added = added part {$code}
said-part-none-low = no part is low
said-part-none = no parts yet; add one with {$add}
said-part-received = {$code} at {$location}: {$n} on hand
said-part-moved = moved {$n} × {$code} from {$from} to {$to}
said-part-counted = {$code} at {$location}: {$n} counted

# desk route run
said-route-summary = {$n} open unassigned tickets: {$routed} routed by a rule, {$assigned} assigned
said-route-waiting = {$n} wait in {$group}: {$why}

# desk customer edit
said-customer-unchanged = {$id}: nothing changed
said-customer-tags-set = {$id}: tags {$tags}
said-customer-merged = merged {$from} into {$into}: {$tickets} tickets, {$products} products, {$orders} orders, {$surveys} surveys, {$tasks} tasks moved
said-customer-no-duplicates = no duplicates of {$id}

# desk plan
said-plan-added = P{$n}: {$title} · {$indicator} now {$now} (target {$target}) · due {$due}
said-plan-status = status {$status} · due {$due}
said-plan-owner = owner {$owner}
said-plan-indicator = indicator {$indicator} · baseline {$baseline} · target {$target}
said-plan-rule = from the report's suggestion {$rule}
said-plan-note = note {$note}

# desk backup, desk restore
said-backup-size = {$pages} pages × {$bytes} bytes = {$mb} MB
said-backup-done = backed up {$db} to {$path}: {$size}, quick_check ok
said-backup-done-restarted = backed up {$db} to {$path}: {$size}, quick_check ok (restarted {$n}× by writes from other desks)
said-backup-restored = restored {$backup} into {$path} (schema v{$schema}, {$size}), quick_check ok
said-backup-kept = the database it replaced is kept as {$path}; delete it once you are happy
said-backup-none-before = there was no database at {$path} before

# desk convert
said-convert-to-shared = {$path}: switched from WAL to a rollback journal (journal_mode=delete); it is ready for shared mode
said-convert-already-shared = {$path} already uses a rollback journal (shared mode); nothing was changed
said-convert-to-local = {$path}: switched from a rollback journal to WAL (journal_mode=wal); keep it on a local disk
said-convert-already-local = {$path} already uses WAL (local mode); nothing was changed
said-convert-opens-local = note: desk opens {$path} in local mode from here (no network share detected, or [storage] mode = "local"), which switches it back to WAL; move it to the share, or set [storage] mode = "shared"
said-convert-opens-shared = note: desk opens {$path} in shared mode from here (a network share, or [storage] mode = "shared"), which refuses a WAL file; move it to a local disk, or set [storage] mode = "local"

# desk check
said-check-rebuilt = rebuilt the daily report roll-ups from the tickets
said-check-quick = {$path} (schema v{$schema}, quick check)
said-check-full = {$path} (schema v{$schema}, full integrity check)
said-check-more = … and {$n} more
said-check-healthy = healthy: all {$n} checks passed

# desk group
said-group-added = added group {$name}
said-group-no-members = no members
said-group-renamed = renamed group {$old} to {$new}
said-group-assigns = {$group} assigns {$how}
said-group-archived = {$group} is archived
said-group-open-again = {$group} is open again

# desk customer address
said-address-default = {$id}: default address is {$address}
said-address-removed = {$id}: address {$address} removed

# desk ticket merge, desk ticket link, desk ticket show
said-ticket-merged = #{$n} merged into #{$target}
said-ticket-linked = #{$a} ↔ #{$b} linked
said-ticket-already-linked = #{$a} ↔ #{$b} were already linked
said-ticket-shown-merged = #{$n} was merged into #{$now}; showing #{$now}
said-ticket-renumbered = #L{$n} was numbered #{$now} by the hub; showing #{$now}

# desk ticket show: field service (the warranty, visits and return requests)
said-field-warranty = warranty: {$coverage} — {$reason}
said-field-visit = visit V{$n} {$service} {$status} · {$engineer} · {$window} · {$coverage}
said-field-no-engineer = no engineer
said-field-return = return R{$n} {$kind} ({$reason}) {$status} · {$rules}
# In or out of warranty, as field-service lines name it.
said-coverage-in = in warranty 保内
said-coverage-out = out of warranty 保外
said-coverage-unknown = warranty unknown

# desk plan set, desk plan show
said-plan-set = P{$n}: {$status} · {$title}
said-plan-title = P{$n} {$title}

# desk return
said-return-new = R{$n} on #{$ticket}: {$kind} ({$reason}) {$status}
said-return-rules = rules: {$rules}
said-return-set = R{$n}: {$kind} {$status}
said-return-set-refund = R{$n}: {$kind} {$status}, refund ¥{$refund}

# desk visit new, desk visit set
said-visit-new = V{$n} on #{$ticket}: {$service} {$status} ({$coverage})
said-visit-arrive = arrive by {$by} · {$window}
said-visit-reserved = V{$n}: {$qty} × {$code} reserved at {$location}
said-visit-set = V{$n}: {$status} · {$window} · {$coverage}
said-visit-quote-waits = quote ¥{$amount} waits for the customer's answer ({$accept} or {$decline})
said-visit-warning = warning: {$warning}
said-visit-part-misfit = {$code} is listed for {$products}; the ticket's product is {$product}
said-visit-part-low = {$code} is low: {$free} free (reorder at {$reorder}); {$receive}
said-visit-overlap = V{$a} and V{$b} overlap on {$engineer}'s schedule
said-visit-tight-travel = {$gap} min between V{$a} and V{$b} at different places; travel needs {$travel} min
said-visit-window-late = the window ends after the arrival target ({$by})

# desk visit report: the service report (Markdown; the table's rows and headings)
said-visit-report-title = Service report 服务报告 V{$n}
said-visit-report-ticket = Ticket 工单
said-visit-report-customer = Customer 客户
said-visit-report-address = Address 地址
said-visit-report-service = Service 服务
said-visit-report-engineer = Engineer 工程师
said-visit-report-window = Window 预约时间
said-visit-report-arrived = Arrived 到达
said-visit-report-finished = Finished 完成
said-visit-report-status = Status 状态
said-visit-report-warranty = Warranty 保修
said-visit-report-work-done = Work done 处理情况
said-visit-report-no-notes = (no notes yet)
said-visit-report-parts = Parts 备件
said-visit-report-no-parts = None.
said-visit-report-parts-header = | Code | Part | Qty | Price | State |
said-visit-report-part-used = used
said-visit-report-part-reserved = reserved
said-visit-report-charges = Charges 费用
said-visit-report-labour = Labour 工时: {$minutes} min
said-visit-report-in-warranty = In warranty 保内: no charge.
said-visit-report-out-of-warranty = Out of warranty 保外, for the work done: parts ¥{$parts} + labour ¥{$labour} + call-out ¥{$call-out} = ¥{$total}
said-visit-report-quote = Quote 报价: {$quote}, {$answer}.
said-visit-report-quote-accepted = accepted by the customer
said-visit-report-quote-declined = declined by the customer
said-visit-report-quote-pending = waiting for the customer's answer
said-visit-report-quote-not-sent = not sent
said-visit-report-warranty-unknown = Warranty not decided; charges follow the decision.
said-visit-report-confirmation = Customer confirmation 客户确认
said-visit-report-confirmed = Confirmed by {$name} at {$at}.
said-visit-report-not-confirmed = Not confirmed yet. Signature 签字: ____________  Date 日期: ____________

# desk hub
said-hub-made = {$url} is a desk hub now (hub {$hub}); move a team in with {$push}, or make replicas with {$replica}
said-hub-up-to-date = {$url} is a desk hub (hub {$hub}); its schema is up to date
said-hub-status = hub {$hub} at {$url}
said-hub-log = log: {$entries} entries to deliver, {$history} in the history ({$mb} MB); position {$position}
said-hub-state = current state: {$rows} rows ({$mb} MB)
said-hub-replicas = replicas: {$n}
said-hub-replica = {$replica}  behind by {$lag} entries  pushed {$pushed}  pulled {$pulled}
said-hub-never = never
said-hub-compacted = {$n} entries every replica has moved to the history; the log keeps what some replica still lacks
said-hub-pushed = moved {$team} into {$url}: {$tickets} tickets, {$rows} rows, {$entries} log entries; the next ticket is #{$next}. Each agent now runs {$replica} and works in that

# desk check against a hub
said-check-against-hub = {$db} against its hub {$hub}
