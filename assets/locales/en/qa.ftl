# The QA pane (g q, 质检): the queue of sampled tickets or the reviews of the agent's work, and the scoring form.
qa-title = Quality inspection 质检 · { $tabs }
# The two tabs in the title; the one shown is in brackets.
qa-tabs-queue = [queue { $queue }] · mine { $mine }
qa-tabs-mine = queue { $queue } · [mine { $mine }]
qa-loading = loading…
qa-queue-empty-lead = No tickets wait for a review. s samples last week's solved tickets: every complaint and low score, and a few at random per agent.
qa-queue-empty = No tickets wait for a review. Leads sample and score them; Tab shows the reviews of your work.
qa-mine-empty = No reviews of your work yet.
# Why a ticket was sampled: a column of 9 cells.
qa-reason-random = random
qa-reason-complaint = complaint
qa-reason-low-score = low_score
qa-reason-manual = manual
# Under the selected review's ticket: its score (87/100) and who reviewed it.
qa-review-by = { $score } · by { $reviewer }
qa-hint-lead = { $enter } score · { $sample } sample last week · { $tab } queue / mine · { $close } close
qa-hint = { $tab } queue / mine · { $close } close
# The scoring form.
qa-form-title = QA review · #{ $ticket } · { $agent } · { $subject }
qa-critical = critical
qa-fails-review = fails the review
qa-comment = Comment 评语
qa-form-hint = digits score · { $next } next · { $record } records · { $cancel } cancels
# Toasts.
qa-needs-lead = { $what } needs the lead role; ask a lead or an admin
qa-what-sample = Sampling tickets for QA
qa-what-score = Scoring a ticket
qa-sampled = { $week }: { $n } tickets sampled into the QA queue
qa-not-sampled = not sampled: { $error }
qa-scored = QA review of #{ $ticket }: { $total }/100
qa-scored-failed = QA review of #{ $ticket }: { $total }/100 — failed on a critical item
qa-not-scored = not scored: { $error }
