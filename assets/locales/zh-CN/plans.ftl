# 改进措施面板（PDCA）：措施列表，以及单个措施的字段和修改记录。
plans-title = 改进措施（PDCA）{ $position }
plans-what = 措施
plans-empty = 还没有改进措施。可从报告的建议创建：desk plan add --from-suggestion N（见 desk report）。
plans-legend = 当前：近 30 天 · ✓ 已达目标 · + 改善 · ! 比之前差
# 列表的列标题；阶段列宽 5 格。
plans-column-action = 措施
plans-column-indicator = 指标
plans-column-owner = 负责人
plans-column-due = 剩余
plans-column-stage = 阶段
plans-column-values = 基线 → 当前 → 目标
# PDCA 阶段：列表用简称，详情用全称。
plans-stage-plan = 计划
plans-stage-do = 执行
plans-stage-check = 检查
plans-stage-act = 处理
plans-stage-plan-long = 计划（P）
plans-stage-do-long = 执行（D）
plans-stage-check-long = 检查（C）
plans-stage-act-long = 处理（A）
# 当前值的比较。
plans-measuring = 测量中
plans-target-reached = 已达目标
plans-better = 优于基线
plans-worse = 差于基线
plans-unchanged = 无变化
plans-not-measured = 未测量
# 详情的标签：连同后面的空格最多 10 格。
plans-label-stage = 阶段
plans-label-owner = 负责人
plans-label-due = 期限
plans-label-indicator = 指标
plans-label-values = 数值
plans-label-from = 来源
plans-label-made = 创建于
plans-label-note = 备注
plans-moves-to = { $stage }（可转到 { $next }）
plans-or = 或
plans-overdue = 已逾期 { $span }
plans-due-in = 还剩 { $span }
plans-values = 基线 { $baseline } · 当前 { $now } · 目标 { $target } — { $words }
plans-from-suggestion = 报告建议 `{ $rule }`
plans-history = 修改记录（最新在前）
plans-loading = 加载中…
plans-no-changes = 没有修改记录。
plans-not-moved = P{ $number } 未能转移：{ $error }
