# The improvement-plans pane (PDCA): the list of actions and one action's fields and history.
plans-title = Improvement plans 改进措施 (PDCA){ $position }
plans-what = actions
plans-empty = No improvement actions yet. Make one from a report's suggestion: desk plan add --from-suggestion N (see desk report).
plans-legend = now: the last 30 days · ✓ target reached · + better · ! worse than before
# The list's column headers; stage is 5 cells wide.
plans-column-action = Action
plans-column-indicator = Indicator
plans-column-owner = Owner
plans-column-due = Due in
plans-column-stage = Stage
plans-column-values = Before → now → target
# The PDCA stages: the list shows the short name, the detail the long one.
plans-stage-plan = plan
plans-stage-do = do
plans-stage-check = check
plans-stage-act = act
plans-stage-plan-long = plan 计划
plans-stage-do-long = do 执行
plans-stage-check-long = check 检查
plans-stage-act-long = act 处理
# How the current value compares.
plans-measuring = measuring
plans-target-reached = target reached
plans-better = better than the baseline
plans-worse = worse than the baseline
plans-unchanged = unchanged
plans-not-measured = not measured
# The detail's labels: at most 10 cells with the space after.
plans-label-stage = Stage
plans-label-owner = Owner
plans-label-due = Due
plans-label-indicator = Indicator
plans-label-values = Values
plans-label-from = From
plans-label-made = Made
plans-label-note = Note
plans-moves-to = { $stage } (moves to { $next })
plans-or = or
plans-overdue = { $span } overdue
plans-due-in = in { $span }
plans-values = baseline { $baseline } · now { $now } · target { $target } — { $words }
plans-from-suggestion = the report's suggestion `{ $rule }`
plans-history = History (newest first)
plans-loading = Loading…
plans-no-changes = No changes recorded.
plans-not-moved = P{ $number } not moved: { $error }
