# The command line's success and summary lines for people. Variables carry the machine words — handles, ids,
# roles, paths, commands in backticks — which stay as they are in every language; counts print as written.

# desk init
said-init-ready = database ready at {$path} (schema v{$schema})
said-init-registered = you ({$handle}) are registered as its {$role}; add your team with {$add}

# desk agent
said-agent-added = added {$handle} as {$role}
said-agent-role = {$handle} is now {$role}
said-agent-deactivated = {$handle} is deactivated
said-agent-capacity = {$handle}: capacity {$n} open tickets
said-agent-no-limit = {$handle}: capacity no limit
said-agent-hours = {$handle}: working hours {$calendar}
said-agent-always-on-shift = {$handle}: working hours always on shift
said-agent-availability = {$handle} is {$availability}
said-agent-no-skills = no skills

# desk customer
said-customer-contact = email {$email} · phone {$phone}
said-customer-organization = organization {$organization} · city {$city} · customer since {$since}
said-customer-address = address {$address}
said-customer-address-labelled = address ({$label}) {$address}
said-customer-address-default = {$address} · default
said-customer-gender = gender {$gender}
said-customer-prefers = prefers {$when}
said-customer-tags = tags {$tags}
said-customer-tier = tier {$tier} ({$source}) · {$reason}
said-customer-stage = stage {$stage} · {$reason}
said-customer-risk = risk {$level} ({$score})
said-customer-orders = orders {$count} · total ¥{$total} · RFM {$rfm}
said-customer-value = lifetime value ¥{$value} · {$per-year} orders a year · {$buyer}
said-customer-repeat-buyer = repeat buyer
said-customer-one-order = one order so far
said-customer-product = product {$name} [{$serial}] · {$warranty}
said-customer-care = care {$kind} due {$due} · {$note}
said-customer-notes = notes:
said-customer-timeline = timeline ({$n} open tickets):
said-customer-care-done = care task {$task} done
said-customer-recomputed = recomputed {$customers} customers in {$seconds} s: {$upgraded} upgraded, {$downgraded} downgraded, {$stages} changed stage, {$risky} turned high risk ({$win-back} win-back tasks); {$care} care reminders scheduled
