# 面板上方的弹窗：单行输入框、筛选行、选择器和推荐文章。
# 输入框的标题，后面接 " — Enter 确定，Esc 取消"。
overlay-prompt-filter = 筛选
overlay-prompt-tags = 标签：+添加 -移除（如 +vip -refund）
overlay-prompt-note = 内部备注
overlay-prompt-merge-into = 将此工单合并到 #
overlay-prompt-link-to = 将此工单关联到 #
overlay-prompt-search = 搜索主题和消息（3 个以上字符搜索最快）
overlay-prompt-dashboard-dates = 周期：起始日..结束日（2026-11-01..2026-11-30）
overlay-prompt-go-to = 转到工单 #
overlay-applies-cancels = { $submit } 确定，{ $cancel } 取消
# 筛选行（/）：筛选的对象。工单的示例是视图语言，请保持英文。
overlay-filter-title = 筛选{ $what } — { $keys }
overlay-filter-tickets = 工单：关键词，或 status:open priority:>=high tag:vip …
overlay-filter-customers = 客户（姓名、邮箱、电话）
overlay-filter-articles = 文章（标题或正文）
overlay-picker-title = { $title } — { $pick } 选择，{ $cancel } 取消
overlay-nothing-matches = 没有匹配项
# 为当前工单推荐的文章。
overlay-suggestions-title = 推荐文章
overlay-suggestion-votes = 使用 { $uses } 次 · { $up }/{ $down }
overlay-suggestions-hint = { $link } 链接 · { $quote } 引用 · { $open } 打开 · { $up }/{ $down } 评价 · { $close }
