# The queue table's column headers. Number, priority and due are narrow columns: keep them short.
queues-column-number = #
queues-column-priority = Pri
queues-column-status = Status
queues-column-due = Due
queues-column-subject = Subject
queues-column-customer = Customer
queues-column-assignee = Assignee
queues-column-updated = Updated
