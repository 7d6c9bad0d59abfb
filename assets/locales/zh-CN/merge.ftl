# 合并前先展示：两张工单，或两位客户。“来源”“目标”“保留”“合并”位于行首，对齐到 6 个字符宽。
merge-no-customer = 无客户
merge-no-ticket = 没有工单 #{ $number }
merge-from = 来源  { $ticket }
merge-into = 目标  { $ticket }
merge-moves = 其消息将移到 #{ $target }，#{ $source } 将以“已合并”关闭（u 可撤销）。
merge-title = 将 #{ $source } 合并到 #{ $target }？
merge-two-customers = 这两张工单属于不同的客户
merge-whose = #{ $source } 属于 { $source_customer }，#{ $target } 属于 { $target_customer }。
merge-anyway = 合并后，{ $customer } 将能在 #{ $target } 下看到完整对话。仍要合并吗？
merge-keep = 保留  { $name } · { $contact } · { $tier }
merge-duplicate = 合并  { $summary }
merge-customer-moves = 重复客户的工单、产品、订单和满意度调查将移到保留的客户名下。
merge-customer-title = 将此重复客户合并到 { $name }？
