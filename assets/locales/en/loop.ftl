# The closed service loop and SLA rendering: the ticket's complaint and loop line, the survey form and the list of
# escalations.
loop-complaint = Complaint
# The complaint's current stage, after its number (1/5 …).
loop-complaint-stage-received = received 接收
loop-complaint-stage-registered = registered 登记
loop-complaint-stage-investigating = investigating 调查
loop-complaint-stage-resolved = resolved 处理
loop-complaint-stage-revisited = revisited 回访
# The stage E moves the complaint to: (E → investigating).
loop-complaint-next-registered = registered
loop-complaint-next-investigating = investigating
loop-complaint-next-resolved = resolved
loop-complaint-next-revisited = revisited
loop-name = Loop
# The loop's stages, each after [x] or [ ].
loop-stage-solved = solved
loop-stage-followed-up = followed up
loop-stage-surveyed = surveyed
loop-follow-up-due = follow-up due { $when }
# The survey form. The scores' labels are followed by their range (CSAT 1–5).
loop-survey-title = Survey 满意度 · #{ $number }
loop-scale-csat = CSAT
loop-scale-nps = NPS
loop-scale-ces = CES
# What a score means, beside it.
loop-score-satisfied = satisfied
loop-score-not-satisfied = not satisfied
loop-score-promoter = promoter
loop-score-passive = passive
loop-score-detractor = detractor
loop-score-low-effort = low effort
loop-score-high-effort = high effort
loop-questionnaire = Questionnaire 问卷 · each 1–5
loop-item-very-satisfied = very satisfied
loop-item-satisfied = satisfied
loop-item-neutral = neutral
loop-item-dissatisfied = dissatisfied
loop-item-very-dissatisfied = very dissatisfied
loop-comment = Comment
loop-survey-hint = digits set a score · { $next } next · { $save } saves · { $skip } skips
# The escalations since the agent last looked.
loop-escalations-title = Escalated since you last looked · { $n }
loop-escalations-none = Nothing escalated since you last looked.
loop-escalations-hint = { $open } opens the ticket · { $close } closes (marks them seen)
loop-escalation-state-breached = breached
loop-escalation-state-at-risk = at-risk
loop-sla-target-first-response = first response
loop-sla-target-first-solution = first solution
loop-sla-target-next-reply = next reply
loop-sla-target-resolution = resolution
