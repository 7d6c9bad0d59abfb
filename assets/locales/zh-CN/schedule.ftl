# 工程师上门服务排班（g v）：按工程师显示一天的时间轴或一周，用文字列出时间冲突和路程间隔，以及等待安排时间的上门服务。
# 上门服务编号为 V1、V2 …
schedule-title = 工程师排班
# 跟在标题后面，各自前面有 " · "。
schedule-title-today = { $date }（今天）
schedule-title-day = { $date }
schedule-title-week = { $date } 起的一周
schedule-title-loading = 加载中…
schedule-title-saving = 正在保存 V{ $n }…
schedule-loading = 正在加载排班…
# 在排班中显示为两行，在提示中合为一行；第二行是命令，请保持原样。
schedule-no-engineers =
    没有工程师：请给客服添加服务技能 —
    desk agent skills li --add service:repair
# 时间轴下方的图例：一行，最多 80 个字符宽（一个汉字占两格）。
schedule-legend-day = | 上门  ! 冲突  ~ 路程不足 { $travel } 分钟  暗：已完成  删除线：未上门
schedule-legend-week = 每天的上门次数，下方为开始时间  ! 冲突  ~ 路程不足 { $travel } 分钟
# 周视图中一天的格子，放得下时显示（窄）。
schedule-week-visits = { $n } 次
schedule-more-lines = … 还有 { $more } 行
schedule-flag-overlap = ! V{ $a } 与 V{ $b } 时间冲突 — { $who }
schedule-flag-tight = ~ V{ $a } 与 V{ $b } 地点不同，间隔 { $gap } 分钟，路程需要 { $travel } 分钟 — { $who }
schedule-no-flags-day = 这一天没有时间冲突或路程过紧
schedule-no-flags-week = 本周没有时间冲突或路程过紧
schedule-flags-elsewhere = { $what }；本周其他日期有 { $n } 处（w 显示整周）
# 等待安排时间的上门服务。
schedule-waiting = 待排时间（{ $n }）
schedule-books = Enter 为 { $who } 预约 V{ $number }，{ $when }
schedule-book-hint = 按 Tab，再按 Enter：在光标处预约
schedule-none-waiting = 没有等待安排时间的上门服务
schedule-rescheduled = （已改期）
# 排班按键的提示。$hour 为两位数（09）。
schedule-nothing-at = { $who } 当天 { $hour }:00 没有上门服务 — 按 Tab 转到待排时间的上门服务
schedule-no-visit-at = { $who } 当天 { $hour }:00 没有上门服务
schedule-still-saving = V{ $n } 仍在保存中
schedule-passed = { $when } 已经过去：请为 V{ $number } 选择更晚的时间（l）或日期（]）
schedule-reschedule-waiting = 这些上门服务已在等待安排时间：r 用于工程师时间轴上的上门服务
schedule-scheduled = V{ $number } 已安排给 { $who }，{ $when }
schedule-no-time = 未定时间
schedule-nobody = 无人
schedule-rescheduled-back = V{ $number } 已退回待排列表，等待新的时间
schedule-not-scheduled = V{ $number } 未能安排：{ $error }
schedule-not-rescheduled = V{ $number } 未能改期：{ $error }
# 工单上的 v：选择服务类型，以及上门服务的创建结果。
schedule-visit-for = 上门服务 · #{ $number }：服务类型？
schedule-service-label-install = 安装
schedule-service-label-repair = 维修
schedule-service-label-maintenance = 保养
schedule-service-label-inspection = 检测
schedule-service-label-pickup = 取件
schedule-service-install = 安装
schedule-service-repair = 维修
schedule-service-maintenance = 保养
schedule-service-inspection = 检测
schedule-service-pickup = 取件
schedule-visit-made = 工单 #{ $ticket } 的 V{ $number }（{ $service }）等待安排时间：g v、Tab、Enter 预约
schedule-visit-not-made = 未能为工单 #{ $ticket } 创建上门服务：{ $error }
