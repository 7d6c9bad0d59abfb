# Why a customer's profile reads as it does: the tier's reason, the lifecycle stage's reason, the churn-risk
# signals. $tier, $from are tier names; $span is a span of days or years; numbers are as computed.
crm-rfm = RFM {$r}·{$f}·{$m} = {$total}
crm-tier-pinned = pinned by hand
crm-tier-no-orders = no orders yet
crm-tier-below = {$rfm}, below {$min} for {$tier}
crm-tier-holds = {$rfm} ≥ {$threshold} for {$tier}
crm-tier-up = {$rfm}: up from {$from}
crm-tier-kept = {$rfm}: kept {$tier} (downgrade below {$floor})
crm-tier-down = {$rfm}: down from {$from}
crm-span-days = {$n} d
crm-span-years = {$n} y
crm-orders = { $count ->
    [one] 1 order
   *[other] {$shown} orders
}
crm-stage-no-orders = no orders yet
crm-stage-idle = no order or contact for {$span}
crm-stage-risk-high = churn risk high ({$score})
crm-stage-first-order = first order {$span} ago
crm-stage-orders-over = {$orders} over {$span}
crm-stage-orders-in = {$orders} in {$span}
crm-signal-inactive = no order or contact for {$days} d
crm-signal-low-csat = last CSAT {$score}/5
crm-signal-detractor = NPS detractor ({$score}/10)
crm-signal-contact-drop = contacts down to {$recent} from {$previous}
crm-signal-open-complaint = { $count ->
    [one] an open complaint
   *[other] {$shown} open complaints
}
crm-signal-weighted = {$signal} (+{$weight})
# The notes desk writes on the care and win-back tasks it schedules; $day is a day of the year (Dec 3).
crm-note-birthday = birthday {$day}
crm-note-anniversary = { $years ->
    [one] 1 year as a customer {$day}
   *[other] {$shown} years as a customer {$day}
}
# Between the win-back note's signals.
crm-note-separator = {"; "}
