# 质检面板（g q）：抽检的工单队列或对你工作的评审，以及评分表单。
qa-title = 质检 · { $tabs }
# 标题中的两个分页；当前显示的一个在方括号中。
qa-tabs-queue = [质检队列 { $queue }] · 我的 { $mine }
qa-tabs-mine = 质检队列 { $queue } · [我的 { $mine }]
qa-loading = 加载中…
qa-queue-empty-lead = 没有待评审的工单。按 s 抽检上周已解决的工单：所有投诉和低分工单，每位客服再随机抽几个。
qa-queue-empty = 没有待评审的工单。组长负责抽检和评分；按 Tab 查看对你工作的评审。
qa-mine-empty = 你的工作还没有评审。
# 工单被抽检的原因：9 格宽的列。
qa-reason-random = 随机
qa-reason-complaint = 投诉
qa-reason-low-score = 低分
qa-reason-manual = 手动
# 选中评审的工单下方：得分（87/100）和评审人。
qa-review-by = { $score } · 评审人 { $reviewer }
qa-hint-lead = { $enter } 评分 · { $sample } 抽检上周 · { $tab } 队列 / 我的 · { $close } 关闭
qa-hint = { $tab } 队列 / 我的 · { $close } 关闭
# 评分表单。
qa-form-title = 质检评审 · #{ $ticket } · { $agent } · { $subject }
qa-critical = 关键项
qa-fails-review = 评审不合格
qa-comment = 评语
qa-form-hint = 数字键评分 · { $next } 下一项 · { $record } 保存 · { $cancel } 取消
# 提示。
qa-needs-lead = { $what }需要组长角色；请联系组长或管理员
qa-what-sample = 抽检工单
qa-what-score = 给工单评分
qa-sampled = { $week }：已将 { $n } 个工单抽入质检队列
qa-not-sampled = 未能抽检：{ $error }
qa-scored = 工单 #{ $ticket } 的质检评审：{ $total }/100
qa-scored-failed = 工单 #{ $ticket } 的质检评审：{ $total }/100 — 关键项不合格
qa-not-scored = 未能评分：{ $error }
