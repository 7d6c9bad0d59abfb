# The command palette (`:`): its title, a ticket number typed into it, and a command it only lists.
palette-title = Commands
palette-go-to-ticket = Go to ticket #{ $number }
palette-no-match = No command matches
palette-works-in = { $command } works in { $context } ({ $keys })
