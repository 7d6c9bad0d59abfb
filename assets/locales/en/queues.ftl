# The queue table's column headers. Number, priority and due are narrow columns: keep them short.
queues-column-number = #
queues-column-priority = Pri
queues-column-status = Status
queues-column-due = Due
queues-column-subject = Subject
queues-column-customer = Customer
queues-column-assignee = Assignee
queues-column-updated = Updated
# After the view's title: the typed filter (in the view language) and how many tickets are marked.
queues-title-filter = filter “{ $filter }”
queues-title-marked = { $n } marked
queues-loading = Loading…
# An empty list, one line a line; the commands stay as they are.
queues-no-tickets-yet =
    This database has no tickets yet.
    {""}
    Try the demo:  desk --demo
    or create demo data:  desk demo --db PATH
queues-none-match =
    No tickets in { $view } match “{ $filter }”.
    Esc clears the filter.
queues-none-in-view =
    No tickets in { $view }.
    J / K switch views.
# Esc in the queue with tickets marked: the marks are gone.
queues-marks-cleared = Marks cleared
