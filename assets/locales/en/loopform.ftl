# The closed loop's forms on a ticket: a complaint's next stage (E) and the follow-up call (F, 回访).
# Field labels: at most 13 cells.
loopform-category = Category
loopform-severity = Severity
loopform-responsible = Responsible
loopform-root-cause = Root cause
loopform-resolution = Resolution
loopform-outcome = Outcome
loopform-call-note = Call note
# The forms' titles.
loopform-complaint-title = Complaint #{ $number } → { $stage }
loopform-solves = solves the ticket
loopform-follow-up-title = Follow-up call 回访 · #{ $number }
# A field left empty.
loopform-needed = { $field } is needed for { $stage }
# The complaint's stages (投诉处理流程), its severities and the follow-up call's outcomes.
loopform-stage-received = received 接收
loopform-stage-registered = registered 登记
loopform-stage-investigating = investigating 调查
loopform-stage-resolved = resolved 处理
loopform-stage-revisited = revisited 回访
loopform-severity-minor = minor 一般
loopform-severity-major = major 严重
loopform-severity-critical = critical 重大
loopform-outcome-confirmed = confirmed solved
loopform-outcome-not-solved = not solved — reopen
# Why a form does not open.
loopform-not-a-complaint = #{ $number } is not a complaint (K changes the kind)
loopform-already-revisited = #{ $number }: the complaint is already revisited
loopform-solve-first = #{ $number } is { $status }: solve it first (s → Solved)
loopform-revisit-is-call = #{ $number }: the revisit (回访) is the follow-up call — F records it
loopform-call-after-solved = #{ $number } is { $status }: the follow-up call (回访) comes once it is solved (s → Solved)
# The call's note when the script was read.
loopform-script-read = Call script “{ $name }” read.
# The form's keys, and the call script beside it.
loopform-keys = { $next } next · ←/→ choose · { $submit } records · { $cancel } cancels
loopform-script = Call script · { $name }
