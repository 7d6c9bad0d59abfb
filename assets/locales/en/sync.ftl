# A replica on screen: the status bar's badge and the toasts of the background sync with the team's database (the
# hub), and the list of this agent's edits that lost at sync (:conflicts, a command: keep it).
# The badge, longest form first; the status bar takes the first that fits in a quarter of its width.
sync-badge-busy = sync…
sync-badge-waiting = { $head } · ↑{ $up } waiting
sync-badge-unreachable = hub unreachable
sync-badge-offline = offline
sync-badge-failed = sync failed
sync-badge-failed-short = sync!
sync-badge-hub = hub
# How long ago the replica was last in step, under a minute (narrow).
sync-age-seconds = { $n }s
sync-renumbered = #{ $was } is now #{ $now }
sync-synced-nothing = synced: nothing to send or receive
sync-synced = synced: sent { $sent }, received { $received }
sync-failed = sync failed: { $why }
sync-conflict-toast = { $what } — :conflicts
sync-conflicts-toast = { $n } of your changes were superseded by others' — :conflicts
sync-not-replica = this database is not a replica: make one with `desk replica create --from TEAM.db LOCAL.db` and open that
sync-running = sync: a sync is running already
# The conflicts list.
sync-conflicts-title = Your edits that lost at sync · { $n }
sync-conflicts-hint = { $accept } keeps theirs · { $reapply } re-applies yours · { $close } closes
sync-settling = settling…
sync-loading = Loading…
sync-no-conflicts = No conflicts: none of your edits lost to a concurrent one. When two replicas change the same field before they sync, the later change wins and the other is listed here for whoever made it.
# One conflict: $field a ticket's field (below), $mine and $theirs its two values, $on the ticket (#1042), $by who
# made the winning change, $when when.
sync-conflict = your change of { $field } to { $mine } on { $on } was superseded by { $by }'s { $theirs } { $when }
sync-conflict-short = { $on } { $field }: your { $mine } lost to { $by }'s { $theirs } { $when }
sync-value-nothing = nothing
sync-reapplied = wrote your { $field } of { $value } again on { $on }
sync-kept = kept { $by }'s { $value } on { $on }
sync-not-settled = not settled: { $error }
# A ticket's fields as the conflicts name them.
sync-field-subject = subject
sync-field-status = status
sync-field-priority = priority
sync-field-kind = kind
sync-field-channel = channel
sync-field-customer = customer
sync-field-assignee = assignee
sync-field-group = group
sync-field-merged-into = merged into
sync-field-complaint-stage = complaint stage
sync-field-close-reason = close reason
sync-field-complaint-category = complaint category
sync-field-complaint-severity = complaint severity
sync-field-complaint-owner = complaint owner
sync-field-root-cause = root cause
sync-field-complaint-resolution = complaint resolution
