# Bulk changes from the queue: marked tickets (space, V for a range) take a status, priority, assignee or macro.
bulk-range-started = Range started: move, then V again to mark it
bulk-marked = { $n } tickets marked
# What the pickers' titles act on: several tickets (one is shown as its number).
bulk-tickets = { $n } tickets
bulk-status-of = Status of { $what }
bulk-priority-of = Priority of { $what }
bulk-assign = Assign { $what }
bulk-macro-for = Macro for { $what } (sent as is, no editor)
# Asking before a macro goes to every marked ticket.
bulk-send-to-all = Send this reply to every marked ticket?
bulk-macro-goes-to = “{ $name }” goes to { $n } customers: { $list }
bulk-and-more = and { $more } more
bulk-each-also = Each ticket also gets: { $changes }
# Done: how many tickets changed, and the first refusal.
bulk-changed = { $done ->
    [one] Changed { $done } ticket
   *[other] Changed { $done } tickets
}
bulk-changed-refused = { $done ->
    [one] Changed { $done } ticket
   *[other] Changed { $done } tickets
}; { $refused } refused — #{ $number }: { $why }
