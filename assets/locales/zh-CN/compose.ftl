# 在打开的工单上撰写：编辑器中回复或备注下方的注释行（在编辑器里每行以 # 开头，保存时会被删除）、宏选择器，以及
# 没有发送任何内容时的提示。
compose-footer-reply = 回复 #{ $number } — { $subject }
compose-footer-note = 内部备注 #{ $number } — { $subject }
compose-footer-help = 以 # 开头的行会被删除。保存空白内容即可取消。
compose-footer-customer-wrote = 客户原文：
compose-footer-macro = 宏“{ $name }”用于 #{ $number }。以 # 开头的行会被删除；内容为空则取消。
compose-footer-macro-sets = 发送时还会：{ $changes }
compose-empty-not-sent = 内容为空：未发送任何内容
compose-empty-not-created = 内容为空：未创建工单
compose-no-macros = 没有宏：请在配置中添加 [[macros]]
compose-macro-note = { $name }（备注）
compose-macro-picker = 用宏回复
compose-macro-refused = 宏“{ $name }”不适用：{ $why }
compose-macro-reopens = “{ $name }”会重新打开此工单
compose-macro-reopens-detail = 工单当前为“{ $from }”；发送此回复会将其改为“{ $to }”。要撰写回复吗？
