# 執行中的郵件收發：背景每一輪收取與寄送的結果，以提示訊息顯示一次。
mail-error = 郵件：{ $error }
mail-not-set-up = 尚未設定郵件：需要 [[mail.inbound]] 收取信箱，或 [mail] from 寄送回覆（見 config.example.toml）
mail-busy = 郵件：正在收發中
mail-round = 郵件：{ $parts }
# 一輪結果各部分之間的分隔（「2 張新工單，1 則客戶回覆」）。
mail-separator = ，
mail-new-tickets = { $n } 張新工單
mail-answers = { $n } 則客戶回覆
mail-sent = 已寄出 { $n } 封
mail-not-sent = { $n } 封未寄出（desk mail outbox）
