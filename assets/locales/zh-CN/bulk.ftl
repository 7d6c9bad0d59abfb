# 在工单队列中批量操作：标记的工单（空格标记，V 标记范围）批量更改状态、优先级、处理人或发送宏。
bulk-range-started = 已开始选择范围：移动光标，再按 V 标记
bulk-marked = 已标记 { $n } 张工单
# 选择器标题中的操作对象：多张工单（单张时显示工单号）。
bulk-tickets = { $n } 张工单
bulk-status-of = { $what } 的状态
bulk-priority-of = { $what } 的优先级
bulk-assign = 指派 { $what }
bulk-macro-for = 对 { $what } 发送宏（直接发送，不打开编辑器）
# 宏发送到所有标记的工单之前的确认。
bulk-send-to-all = 向所有标记的工单发送此回复？
bulk-macro-goes-to = “{ $name }”将发送给 { $n } 位客户：{ $list }
bulk-and-more = 等另外 { $more } 位
bulk-each-also = 每张工单还会：{ $changes }
# 完成：更改了多少张工单，以及第一个被拒绝的原因。
bulk-changed = 已更改 { $done } 张工单
bulk-changed-refused = 已更改 { $done } 张工单；{ $refused } 张被拒绝 — #{ $number }：{ $why }
