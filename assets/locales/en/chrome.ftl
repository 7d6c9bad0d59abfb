# The frame around the panes: the tab bar's right side and badges, the status bar's notices, and what every list and
# scrolled view says the same way.
chrome-too-small = enlarge the terminal to at least { $width }×{ $height }
chrome-too-small-now = (now { $width }×{ $height })
chrome-no-agent = no agent
# After the agent and the database: the database is shared by several desks.
chrome-shared = shared
# Badges on the tab bar, with the key that shows them.
chrome-escalated = !{ $n } escalated (!)
chrome-new-tickets = +{ $n } new (1)
chrome-mail-busy = mail…
chrome-mail-failed = mail failed
chrome-mail-failed-short = mail!
chrome-store-waiting = waiting for another desk's write…
# Lists and scrolled views. $what is the kind of row (tickets, customers); one line a line.
chrome-loading = Loading…
chrome-none-match =
    No { $what } match “{ $filter }”.
    Esc clears the filter.
chrome-scrolled = { $title } · { $first }–{ $last } of { $total }
# Toasts.
chrome-reloaded = Reloaded
chrome-filter-error = filter: { $error }
chrome-merged-into = #{ $number } was merged into #{ $target }: showing #{ $target }
chrome-renumbered = #{ $was } is now #{ $now }: showing #{ $now }
chrome-no-ticket = There is no ticket #{ $number }
# / where the pane has no list to filter, and a letter that does nothing in this pane.
chrome-no-filter-ticket = The ticket pane has no list to filter
chrome-no-filter-dashboard = The dashboard has no list to filter
chrome-not-bound = { $key } is not bound here — ? shows the keys
