# Ticket fields as the interface names them. Statuses and priorities keep their English names in storage, the CLI's
# machine formats and the view language; these are for display only.
ticket-status-new = New
ticket-status-open = Open
ticket-status-pending = Pending
ticket-status-on-hold = On hold
ticket-status-solved = Solved
ticket-status-closed = Closed
ticket-status-merged = Merged
# The four colours of the practice; the interface always shows the letter (U H N L) beside them.
ticket-priority-urgent = Urgent
ticket-priority-high = High
ticket-priority-normal = Normal
ticket-priority-low = Low
# In a picker, with the practice's colour.
ticket-priority-urgent-with-colour = Urgent (red)
ticket-priority-high-with-colour = High (yellow)
ticket-priority-normal-with-colour = Normal (green)
ticket-priority-low-with-colour = Low (blue)
# Kinds and intake channels as the ticket pane and its pickers name them.
ticket-kind-question = Question
ticket-kind-complaint = Complaint
ticket-kind-service-request = Service request
ticket-kind-value-added = Value-added
ticket-kind-incident = Incident
ticket-kind-task = Task
ticket-channel-phone = Phone
ticket-channel-email = Email
ticket-channel-web = Web
ticket-channel-chat = Chat
ticket-channel-wechat = WeChat
ticket-channel-weibo = Weibo
ticket-channel-on-site = On-site
# The Ticket pane: its title, and what it says with no ticket open.
ticket-pane = Ticket
ticket-loading = Loading…
ticket-none-open = No ticket open.
ticket-pick-one = Pick one in Queues (1) and press Enter.
# The thread's title: messages in it, and a postponed draft waiting ($key resumes it).
ticket-thread = Thread · { $n -> 
    [one] { $n } message
   *[other] { $n } messages
}
ticket-draft-kept-reply = your reply draft is kept ({ $key } resumes it)
ticket-draft-kept-note = your note draft is kept ({ $key } resumes it)
# On the thread's bottom border, before the suggested articles' titles; b lists them.
ticket-suggested = b articles:
# Who wrote a message, in its header line.
ticket-author-unknown = unknown
ticket-role-internal-note = internal note
ticket-role-customer = customer
ticket-role-reply = reply
ticket-role-system = system
# The change history (H).
ticket-history = History (H shows the thread)
ticket-history-none = No changes recorded yet (bulk-loaded tickets start with none).
# The header's field labels: short, they share lines with their values.
ticket-label-status = Status
ticket-label-priority = Priority
ticket-label-kind = Kind
ticket-label-channel = Channel
ticket-label-customer = Customer
ticket-label-assignee = Assignee
ticket-label-group = Group
ticket-label-tags = Tags
ticket-label-created = Created
ticket-label-updated = Updated
ticket-label-product = Product
ticket-label-warranty = Warranty
ticket-label-visits = Visits
ticket-label-merged-into = Merged into
ticket-label-links = Links
ticket-unassigned = unassigned
# The warranty by date: in warranty (保内) until a day, or out of it (保外) since.
ticket-warranty-in = in 保内 until { $day }
ticket-warranty-out = out 保外 since { $day }
# The header's SLA line: the policy, then each clock's time left or taken.
ticket-sla = SLA
ticket-sla-no-policy = no policy covers this ticket
ticket-sla-met = met { $took }
ticket-sla-late = late { $took }
ticket-sla-left-due = { $left } (due { $when })
ticket-sla-target-first-response = first response
ticket-sla-target-first-solution = first solution
ticket-sla-target-next-reply = next reply
ticket-sla-target-resolution = resolution
# Acting on the open ticket: pickers' titles and choices, and toasts.
ticket-open-first = Open a ticket first (Enter in Queues)
ticket-status-final = #{ $number } is { $status }: its status is final
ticket-close-with-reason = Closed — { $reason } (skips the follow-up)
ticket-closed-after-revisit = Closed once the complaint is revisited (E advances it)
ticket-status-of = Status of #{ $number } (now { $status })
ticket-kind-of = Kind of #{ $number } (now { $kind })
ticket-group-of = Group of #{ $number } (now { $group })
ticket-channel-of = Channel of #{ $number } (now { $channel })
ticket-priority-of = Priority of #{ $number }
ticket-assign = Assign #{ $number }
ticket-no-group = No group
ticket-group-none = none
ticket-me = Me ({ $me })
ticket-nobody = Nobody
ticket-quoted-shown = quoted history and signatures shown (z folds them)
ticket-quoted-folded = quoted history and signatures folded (z shows them)
ticket-changed-elsewhere = #{ $number } was changed by someone else — reloaded; apply your change again
ticket-not-a-number = `{ $text }` is not a ticket number
ticket-take-needs = Open a ticket (and set agent.handle) to take it
# What a write to a ticket did, after its number in a toast.
ticket-done-saved = Saved
ticket-done-replied = Reply sent
ticket-done-noted = Note added
ticket-done-merged = merged into #{ $into }
ticket-done-linked = linked to #{ $to }
ticket-done-taken = Taken
ticket-done-follow-up = follow-up recorded: { $outcome }
ticket-done-survey = survey recorded
ticket-done-draft-saved = draft kept — r resumes it, u brings it back now
ticket-done-draft-discarded = draft discarded
