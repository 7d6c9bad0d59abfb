# The tab bar: one tab per pane. The short forms replace the long ones where the full names do not fit.
tabs-queues = Queues
tabs-ticket = Ticket
tabs-customers = Customers
tabs-kb = Knowledge base
tabs-kb-short = KB
tabs-dashboard = Dashboard
tabs-dashboard-short = Dash
