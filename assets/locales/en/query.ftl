# The view language's errors (`/` in the queues and customers, `--filter`). Fields, values, keys and the lists of
# accepted words stay as typed: they are the view language's own words in every locale.
query-at-column = column {$column}: {$problem}
query-unclosed-quote = unclosed quote
query-empty-value = empty value
query-needs-value = `{$field}:` needs a value
query-unknown-field = unknown field `{$field}` (fields: {$fields})
query-unknown-customer-field = unknown customer field `{$field}` (fields: {$fields})
query-not-a-handle = `{$value}` is not an agent handle
query-no-priority = no priority is {$op}{$value}
query-not-a-date = `{$value}` is not a date (write YYYY-MM-DD, like 2026-11-18)
query-ends-before-starts = `{$value}` ends before it starts
query-not-an-age = `{$value}`: ages start with < (newer than) or > (older than), like <7d, or are dates like 2026-11-18
query-not-a-duration = `{$value}` is not a duration (like 30m, 4h, 7d, 2w)
query-ticket-sort = cannot sort by `{$key}` (sort by updated, created, solved, number, due, followup or priority; - for newest / largest first)
query-customer-sort = cannot sort customers by `{$key}` (sort by updated, risk, created, expiry or due)
query-warranty-value = `warranty:{$value}`: use warranty:<30d (expiring) or warranty:expired
query-care-value = `care:{$value}`: use care:<7d
query-expiry-needs-warranty = `sort:expiry` orders by the warranty a `warranty:` term selects: add warranty:<30d or warranty:expired
query-due-needs-care = `sort:due` orders by the care task a `care:` term selects: add care:<7d
query-no-such-agent = no agent `{$value}` (agents: {$known})
query-no-agents = no agent `{$value}` (there are no agents yet)
query-no-such-group = no group `{$value}` (groups: {$known})
query-no-groups = no group `{$value}` (there are no groups yet)
