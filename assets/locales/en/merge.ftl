# Merges are shown before they run: both tickets, or both customers. "From", "Into", "Keep" and "Merge" lead
# lines and are padded to line up (6 cells).
merge-no-customer = no customer
merge-no-ticket = There is no ticket #{ $number }
merge-from = From  { $ticket }
merge-into = Into  { $ticket }
merge-moves = Its messages move to #{ $target }, and #{ $source } is closed as merged (u undoes it).
merge-title = Merge #{ $source } into #{ $target }?
merge-two-customers = These tickets belong to two different customers
merge-whose = #{ $source } is { $source_customer }'s and #{ $target } is { $target_customer }'s.
merge-anyway = After the merge { $customer } reads the whole thread under #{ $target }. Merge anyway?
merge-keep = Keep   { $name } · { $contact } · { $tier }
merge-duplicate = Merge  { $summary }
merge-customer-moves = The duplicate's tickets, products, orders and surveys move to the customer kept.
merge-customer-title = Merge this duplicate into { $name }?
