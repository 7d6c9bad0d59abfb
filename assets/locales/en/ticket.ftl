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
