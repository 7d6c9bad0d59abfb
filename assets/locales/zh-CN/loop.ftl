# 服务闭环与 SLA 的显示：工单的投诉和闭环行、满意度调查表单，以及升级列表。
loop-complaint = 投诉
# 投诉当前所处阶段，跟在编号（1/5 …）之后。
loop-complaint-stage-received = 接收
loop-complaint-stage-registered = 登记
loop-complaint-stage-investigating = 调查
loop-complaint-stage-resolved = 处理
loop-complaint-stage-revisited = 回访
# 按 E 推进到的下一阶段：(E → 调查)。
loop-complaint-next-registered = 登记
loop-complaint-next-investigating = 调查
loop-complaint-next-resolved = 处理
loop-complaint-next-revisited = 回访
loop-name = 闭环
# 闭环的各阶段，前面是 [x] 或 [ ]。
loop-stage-solved = 已解决
loop-stage-followed-up = 已回访
loop-stage-surveyed = 已评价
loop-follow-up-due = 回访到期 { $when }
# 满意度调查表单。评分名称后面跟着分值范围（CSAT 满意度 1–5）。
loop-survey-title = 满意度调查 · #{ $number }
loop-scale-csat = CSAT 满意度
loop-scale-nps = NPS 推荐度
loop-scale-ces = CES 费力度
# 评分旁边显示的含义。
loop-score-satisfied = 满意
loop-score-not-satisfied = 不满意
loop-score-promoter = 推荐者
loop-score-passive = 被动者
loop-score-detractor = 贬损者
loop-score-low-effort = 省力
loop-score-high-effort = 费力
loop-questionnaire = 问卷 · 每项 1–5
loop-item-very-satisfied = 非常满意
loop-item-satisfied = 满意
loop-item-neutral = 一般
loop-item-dissatisfied = 不满意
loop-item-very-dissatisfied = 非常不满意
loop-comment = 评论
loop-survey-hint = 数字键评分 · { $next } 下一项 · { $save } 保存 · { $skip } 跳过
# 自客服上次查看以来升级的工单。
loop-escalations-title = 自上次查看以来的升级 · { $n }
loop-escalations-none = 自你上次查看以来没有升级的工单。
loop-escalations-hint = { $open } 打开工单 · { $close } 关闭（标为已读）
loop-escalation-state-breached = 已超时
loop-escalation-state-at-risk = 临近超时
loop-sla-target-first-response = 首次响应
loop-sla-target-first-solution = 首次解决
loop-sla-target-next-reply = 下次回复
loop-sla-target-resolution = 解决
