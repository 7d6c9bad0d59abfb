# 合併前先顯示：兩張工單，或兩位客戶。「來源」「目標」「保留」「合併」位於行首，對齊到 6 個字元寬。
merge-no-customer = 無客戶
merge-no-ticket = 沒有工單 #{ $number }
merge-from = 來源  { $ticket }
merge-into = 目標  { $ticket }
merge-moves = 其訊息將移至 #{ $target }，#{ $source } 將以「已合併」關閉（u 可復原）。
merge-title = 將 #{ $source } 合併至 #{ $target }？
merge-two-customers = 這兩張工單屬於不同的客戶
merge-whose = #{ $source } 屬於 { $source_customer }，#{ $target } 屬於 { $target_customer }。
merge-anyway = 合併後，{ $customer } 將能在 #{ $target } 下看到完整對話。仍要合併嗎？
merge-keep = 保留  { $name } · { $contact } · { $tier }
merge-duplicate = 合併  { $summary }
merge-customer-moves = 重複客戶的工單、產品、訂單與滿意度調查將移至保留的客戶名下。
merge-customer-title = 將此重複客戶合併至 { $name }？
