# Team mode: several agents on one database. The choice a conflicting edit or an overtaken reply asks for, and the
# toasts of what others did.
team-changed = #{ $number } changed while you were deciding
team-nothing-written = Nothing of yours was written. The ticket behind this shows it as it is now.
team-not-sent = #{ $number }: your reply was not sent yet
team-new-since = New on the ticket since you started writing:
# Who wrote a new message: name · role · time.
team-role-customer = customer
team-role-agent = agent
# The popup's title and the key that backs out (Esc).
team-backs-out = { $title } — { $esc } backs out
team-change-discarded = #{ $number }: your change was discarded
team-reply-discarded = #{ $number }: your reply was discarded
team-updated-by = #{ $number } was just updated by { $who }
# g a: the agent's availability (automatic assignment gives tickets only to agents on duty).
team-no-agent = No agent is signed in to this database
team-you-are = You are { $state } now
team-availability-on-duty = on duty
team-availability-away = away
team-availability-off = off
