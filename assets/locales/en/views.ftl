# The queue's built-in views (ticket lists) as the sidebar and the list's title name them. Their names in config
# and the view language stay English (my-open, at-risk …). The sidebar is narrow: at most about 13 cells.
views-title = Views
views-title-my-open = My open
views-title-unassigned = Unassigned
views-title-all-open = All open
views-title-all = All tickets
views-title-pending = Pending
views-title-recently-solved = Recently solved
views-title-vip = VIP
views-title-at-risk = At risk & breached
views-title-follow-ups = Follow-ups due
