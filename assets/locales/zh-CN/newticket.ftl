# 新建工单表单。字段名所在列宽 9 个字符（一个汉字占 2 个），请保持简短。
newticket-field-customer = 客户
newticket-field-subject = 主题
newticket-field-kind = 类型
newticket-field-channel = 渠道
newticket-field-priority = 优先级
newticket-field-product = 产品
newticket-title = 新建工单 — { $cancel } 取消
newticket-keys = { $next }：下一项 · { $prev }/{ $following }：切换 · { $enter }：选定客户，然后填写内容
newticket-picked = { $name }（已选定）
newticket-new-customer = + 新建客户“{ $name }”{ $email }
newticket-new-customer-picked = { $name }（新客户）
newticket-pick-first = （请先选定客户）
newticket-product-none = 无
newticket-products = < { $product } >（名下 { $n } 件产品）
# 提示消息。
newticket-type-first = 请先输入客户的姓名、邮箱或电话
newticket-pick-customer = 新建工单：请选定客户——输入姓名、邮箱或电话，然后在匹配项上按 Enter
newticket-subject-empty = 新建工单：主题为空
newticket-failed = 新建工单失败：{ $error }
newticket-created = 已创建 #{ $number }
# 编辑器中首条消息下方的注释行（每行以 # 开头，保存时删除）。
newticket-editor-head = 为 { $customer } 新建工单 — { $subject }
newticket-editor-help = 请填写客户反映的问题。以 # 开头的行会被删除。
