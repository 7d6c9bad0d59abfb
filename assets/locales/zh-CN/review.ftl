# 发送前审阅：从编辑器返回的回复或内部备注，发送之前显示在这里。
# 宏带来的更改，列在“更改”之后（以逗号分隔）。
review-edit-status = 状态改为{ $status }
review-edit-priority = 优先级改为{ $priority }
review-edit-kind = 类型改为{ $kind }
review-edit-channel = 渠道改为{ $channel }
review-edit-subject = 主题改为“{ $subject }”
review-edit-assignee = 指派给 { $who }
review-edit-unassigned = 取消指派
review-edit-group = 分组改为 { $group }
review-edit-no-group = 取消分组
review-edit-product = 产品改为 { $product }
review-edit-no-product = 清除产品
review-edit-tag-add = 标签 +{ $tag }
review-edit-tag-remove = 标签 -{ $tag }
review-edit-complaint = 投诉阶段改为{ $stage }
review-edit-close-reason = 关闭原因：{ $reason }
review-edit-complaint-category = 投诉类别：{ $category }
review-edit-severity = 严重程度：{ $severity }
review-edit-responsible = 责任人：{ $who }
review-edit-no-responsible = 清除责任人
review-edit-root-cause = 根本原因：{ $cause }
review-edit-resolution = 处理结果备注
# 回复只留在工单上、不发邮件的原因。
review-route-mail-not-set-up = 未配置邮件（[mail] from）
review-route-no-email = 客户没有邮箱地址
review-route-not-mail = 不是邮件工单
review-route-not-mail-no-email = 不是邮件工单，且客户没有邮箱地址
# 审阅界面按键的提示消息。
review-note-never-mailed = 内部备注不会通过邮件发送
review-mailed-anyway = 这是邮件工单：回复本来就会发送到 { $to }
review-cannot-mail = 无法通过邮件发送：{ $why }
review-cannot-mail-not-open = 无法通过邮件发送：工单未打开
review-note-no-solution = 内部备注不会向客户提出解决方案
review-discard-reply = 放弃这条回复？
review-discard-note = 放弃这条备注？
review-discard-lost = 发往 #{ $number } 的 { $n } 个字符将会丢失。
review-discarded = 已放弃
review-nothing-undone = 没有可撤销的操作：{ $error }
review-undone = 已撤销：{ $what }
review-undone-done = 完成
# 审阅界面。字段名所在列宽 9 个字符（一个汉字占 2 个），请保持简短。
review-internal-to = 内部备注 — 仅客服可见
review-the-customer = 客户
review-label-to = 收件人
review-label-ticket = 工单
review-label-delivery = 发送方式
review-label-solution = 解决方案
review-label-adds = 附加
review-label-changes = 更改
review-label-article = 文章
review-solution-marked = 提出解决方案：停止“首次解决”计时（{ $toggle }：取消标记）
review-solution-unmarked = 未标记为解决方案 — 按 { $toggle } 标记
review-article-linked = 链接
review-article-quoted = 引用全文
review-title-reply = 审阅回复 — { $send } 发送 · { $edit } 编辑 · { $postpone } 稍后 · { $discard } 放弃
review-title-note = 审阅备注 — { $send } 发送 · { $edit } 编辑 · { $postpone } 稍后 · { $discard } 放弃
# 回复如何送达客户。$channel 是工单渠道的存储名（phone、wechat …）。
review-ticket-only = 仅保存在工单上
review-cc = 抄送 { $list }
review-from = 发件人 { $from }
review-mailed = 由 `desk mail send` 发送到 { $to }
review-offer-asked = { $channel ->
    [phone] 电话
    [email] 邮件
    [web] 网页
    [chat] 在线客服
    [wechat] 微信
    [weibo] 微博
    [on_site] 上门
   *[other] { $channel }
}工单，已按要求通过邮件发送到 { $to }（{ $toggle }：不发送）
review-offer = 不发邮件（{ $channel ->
    [phone] 电话
    [email] 邮件
    [web] 网页
    [chat] 在线客服
    [wechat] 微信
    [weibo] 微博
    [on_site] 上门
   *[other] { $channel }
}工单）— 按 { $toggle } 发送到 { $to }
review-ticket-only-not-mail = 仅保存在工单上（不是邮件工单）
review-ticket-only-why = 仅保存在工单上：{ $why }
# 邮件在回复之外附加的内容。
review-signature = 签名“{ $first }{ $more }”
review-quoted-last = 引用客户的最后一条消息
review-in-mail-only = { $parts }（仅在邮件中）
# 确认对话框的两个选项。
review-yes-no = { $yes } 是 · { $no } 否
# 确认框选择了“否”。
review-confirm-declined = 未做任何更改
