# Internal notes the shipped SLA escalations write on a ticket (assets/default-sla.toml, by rule name). A team's
# own note in its config is written as it is.
escalations-note-vip-at-risk = SLA at risk on a VIP ticket — please answer first.
escalations-note-breached = SLA breached: priority raised one step.
