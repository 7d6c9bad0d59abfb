# 运行中的邮件收发：后台每一轮收取和发送的结果，以提示消息显示一次。
mail-error = 邮件：{ $error }
mail-not-set-up = 未配置邮件：需要 [[mail.inbound]] 收取邮箱，或 [mail] from 发送回复（见 config.example.toml）
mail-busy = 邮件：正在收发中
mail-round = 邮件：{ $parts }
# 一轮结果各部分之间的分隔（“2 张新工单，1 条客户回复”）。
mail-separator = ，
mail-new-tickets = { $n } 张新工单
mail-answers = { $n } 条客户回复
mail-sent = 已发送 { $n } 封
mail-not-sent = { $n } 封未发送（desk mail outbox）
