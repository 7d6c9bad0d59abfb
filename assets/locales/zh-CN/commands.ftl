# 命令注册表的文字：每个命令的说明（帮助、命令面板）及提示栏显示的简短提示（`-hint`）。
# 键为 `commands-` 加上命令名的短横线形式：`queue.next_view` → `commands-queue-next-view`。
commands-app-quit = 退出 desk（Ctrl-C 随时退出）
commands-app-quit-hint = 退出
commands-app-help = 显示按键和命令（/ 搜索）
commands-app-help-hint = 帮助
commands-app-palette = 打开命令面板
commands-app-palette-hint = 命令
commands-app-refresh = 重新加载屏幕上的内容

commands-pane-next = 下一个面板
commands-pane-prev = 上一个面板
commands-pane-queues = 转到工单队列
commands-pane-ticket = 转到打开的工单
commands-pane-customers = 转到客户
commands-pane-kb = 转到知识库
commands-pane-dashboard = 转到仪表盘（KPI 和图表）

commands-nav-down = 下移
commands-nav-down-hint = 移动
commands-nav-up = 上移
commands-nav-top = 转到顶部
commands-nav-bottom = 转到底部
commands-nav-half-down = 向下半页
commands-nav-half-up = 向上半页
commands-nav-page-down = 向下一页
commands-nav-page-up = 向上一页
commands-nav-open = 打开选中的项目
commands-nav-open-hint = 打开
commands-nav-back = 返回 / 关闭
commands-nav-back-hint = 返回
commands-nav-left = 聚焦左栏
commands-nav-right = 聚焦右栏

commands-list-filter = 筛选当前列表
commands-list-filter-hint = 筛选
commands-list-clear-filter = 清除列表筛选

commands-ticket-go-to = 按编号转到工单（已合并的工单会显示合并去向）
commands-ticket-new = 新建工单
commands-ticket-new-hint = 新建

commands-app-undo = 撤销你对工单的上一次更改（字段、标签、合并、关联、批量更改），限 ui.undo_minutes 之内
commands-app-undo-hint = 撤销

commands-sla-escalations = 自你上次查看以来升级的工单（SLA 临近超时 / 已超时）

commands-queue-next-view = 下一个视图
commands-queue-next-view-hint = 视图
commands-queue-prev-view = 上一个视图
commands-queue-search = 搜索主题和所有消息
commands-queue-search-hint = 搜索
commands-queue-search-order = 搜索结果：最新优先 / 最匹配优先
commands-queue-mark = 标记 / 取消标记工单，以便批量更改
commands-queue-mark-hint = 标记
commands-queue-mark-range = 开始 / 结束范围标记
commands-queue-status = 标记工单（或选中工单）的状态
commands-queue-priority = 标记工单的优先级
commands-queue-assign = 指派标记的工单
commands-queue-tags = 标记工单的标签（+添加 -移除）
commands-queue-macro = 对标记的工单发送宏

commands-ticket-customer = 打开此工单的客户
commands-ticket-customer-hint = 客户
commands-ticket-status = 更改状态
commands-ticket-status-hint = 状态
commands-ticket-priority = 更改优先级
commands-ticket-priority-hint = 优先级
commands-ticket-assign = 指派给客服
commands-ticket-assign-hint = 指派
commands-ticket-reply = 回复客户（打开 $EDITOR）
commands-ticket-reply-hint = 回复
commands-ticket-note = 添加内部备注（打开 $EDITOR）
commands-ticket-note-hint = 备注
commands-ticket-macro = 用宏回复（预设回复及其更改）
commands-ticket-macro-hint = 宏
commands-ticket-tags = 添加或移除标签（+vip -refund）
commands-ticket-tags-hint = 标签
commands-ticket-quick-note = 添加一行内部备注
commands-ticket-take = 无人处理时认领此工单
commands-ticket-merge = 将此工单合并到另一个工单
commands-ticket-link = 将此工单关联到相关工单
commands-ticket-kind = 更改类型（投诉、服务请求 …）
commands-ticket-channel = 更改受理渠道
commands-ticket-group = 分派到组（团队）
commands-ticket-open-attachment = 用系统程序打开附件（$DESK_OPENER）；可执行程序只保存不打开
commands-ticket-quoted = 在会话中显示 / 折叠引用的历史和签名
commands-ticket-history = 显示更改历史 / 会话
commands-ticket-history-hint = 历史
commands-ticket-follow-up = 记录回访，表单旁显示回访话术，然后记录满意度调查
commands-ticket-survey = 记录满意度调查（CSAT、NPS、CES 和问卷）
commands-ticket-complaint-stage = 推进投诉：已受理 → 已登记（类别、严重程度）→ 调查中（责任方）→ 已解决（根本原因、处理结果）→ 已回访（回访电话）
commands-ticket-visit = 预约上门服务：安装、维修、保养、检测或取件；之后用 g v 安排工程师和时间
commands-ticket-articles = 推荐文章：Enter 在回复中插入链接，b 引用文章
commands-ticket-articles-hint = 知识库

commands-customer-next-view = 下一个客户视图（VIP、有流失风险、新客户、保修、关怀）
commands-customer-next-view-hint = 视图
commands-customer-prev-view = 上一个客户视图
commands-customer-notes = 编辑客户备注（打开 $EDITOR）
commands-customer-notes-hint = 备注
commands-customer-edit = 编辑资料：姓名、联系方式、单位、等级、生日（打开 $EDITOR）
commands-customer-edit-hint = 编辑
commands-customer-create = 添加客户（打开 $EDITOR）
commands-customer-merge = 将重复客户（相同邮箱或电话）合并到此客户
commands-customer-care-done = 将关怀或挽回任务标为完成
commands-customer-back-to-ticket = 返回你来自的工单

commands-kb-next-view = 下一个视图（草稿、最常用、最无帮助、过期、已归档）
commands-kb-next-view-hint = 视图
commands-kb-prev-view = 上一个知识库视图
commands-kb-new = 撰写新文章（打开 $EDITOR）
commands-kb-new-hint = 新建
commands-kb-edit = 编辑文章：前置元数据和 Markdown（打开 $EDITOR）
commands-kb-edit-hint = 编辑
commands-kb-status = 发布、归档文章或将其退回草稿
commands-kb-status-hint = 状态
commands-kb-helpful = 将文章标为有帮助
commands-kb-unhelpful = 将文章标为没有帮助
commands-kb-history = 显示文章的更改历史 / 正文

commands-dashboard-period = 选择周期：今天、7 天、30 天、季度、自定义
commands-dashboard-period-hint = 周期
commands-dashboard-next-section = 下一个图表：工单量、积压、时长、SLA、满意度、细分、客服、上门服务
commands-dashboard-next-section-hint = 图表
commands-dashboard-prev-section = 上一个图表
commands-dashboard-breakdown = 按渠道、类型、优先级或组细分
commands-dashboard-breakdown-hint = 细分

commands-help-down = 向下滚动
commands-help-down-hint = 滚动
commands-help-up = 向上滚动
commands-help-half-down = 向下半页
commands-help-half-up = 向上半页
commands-help-page-down = 向下一页
commands-help-page-up = 向上一页
commands-help-top = 到顶部
commands-help-bottom = 到末尾
commands-help-search = 边输入边搜索帮助
commands-help-search-hint = 搜索
commands-help-back = 放弃搜索，或关闭帮助
commands-help-close = 关闭帮助
commands-help-close-hint = 关闭

commands-help-search-keep = 保留搜索，滚动查看结果
commands-help-search-keep-hint = 保留
commands-help-search-clear = 放弃搜索
commands-help-search-clear-hint = 清除
commands-help-search-down = 向下滚动
commands-help-search-up = 向上滚动

commands-mail-now = 立即收发邮件（否则每隔 [mail] fetch_every_secs）

commands-agent-availability = 切换你的在岗状态：在岗 → 暂离 → 下班（不在岗时自动分配会跳过你）

commands-sync-now = 立即与中心库同步此副本（否则每隔 [sync] every_secs）
commands-sync-conflicts = 同步时落败的编辑（:conflicts）：保留胜出的值或重新应用你的值

commands-app-messages = 显示 desk 启动以来的所有消息（:messages）

commands-field-schedule = 工程师排班（上门服务）：日和周时间线、时间重叠和路程间隔、待安排时间的上门（:schedule）

commands-qa-open = 质检：待抽检评分的质检队列，以及对你工作的评审（:qa）

commands-plans-open = 改进措施（PDCA）：每项措施的阶段、负责人、截止日期及指标的基线、现状和目标（:plans）

commands-messages-down = 向下滚动
commands-messages-down-hint = 滚动
commands-messages-up = 向上滚动
commands-messages-half-down = 向下半页
commands-messages-half-up = 向上半页
commands-messages-top = 到最早
commands-messages-bottom = 到最新
commands-messages-close = 关闭消息
commands-messages-close-hint = 关闭

commands-palette-down = 下一个匹配项
commands-palette-down-hint = 下一个
commands-palette-up = 上一个匹配项
commands-palette-run = 运行选中的命令
commands-palette-run-hint = 运行
commands-palette-close = 关闭命令面板
commands-palette-close-hint = 关闭

commands-prompt-submit = 应用输入的内容
commands-prompt-submit-hint = 确定
commands-prompt-cancel = 取消
commands-prompt-cancel-hint = 取消
commands-prompt-older = 调出此输入框较早的记录
commands-prompt-older-hint = 更早
commands-prompt-newer = 调出较晚的记录（回到输入的内容）

commands-picker-down = 下一个选项
commands-picker-down-hint = 移动
commands-picker-up = 上一个选项
commands-picker-choose = 选择选中的选项
commands-picker-choose-hint = 选择
commands-picker-cancel = 关闭而不选择
commands-picker-cancel-hint = 取消

commands-form-next-field = 下一个字段
commands-form-next-field-hint = 下一字段
commands-form-prev-field = 上一个字段
commands-form-enter = 选择客户、继续，最后撰写第一条消息
commands-form-enter-hint = 选择 / 撰写
commands-form-match-down = 下一个匹配的客户
commands-form-match-up = 上一个匹配的客户
commands-form-choice-next = 下一个选项（类型、渠道、优先级、产品）；在文本字段中为光标右移
commands-form-choice-next-hint = 切换
commands-form-choice-prev = 上一个选项；在文本字段中为光标左移
commands-form-cancel = 关闭表单
commands-form-cancel-hint = 取消

commands-survey-next = 下一个评分、问卷题目或评论
commands-survey-next-hint = 下一个
commands-survey-prev = 上一个评分或题目
commands-survey-submit = 记录调查
commands-survey-submit-hint = 记录
commands-survey-clear = 清除评分（在评论中删除一个字符）

commands-loop-form-next = 下一个字段
commands-loop-form-next-hint = 下一个
commands-loop-form-prev = 上一个字段
commands-loop-form-choice-prev = 上一个选项；在文本字段中为光标左移
commands-loop-form-choice-next = 下一个选项；在文本字段中为光标右移
commands-loop-form-submit = 记录（系统会检查该阶段所需的内容）
commands-loop-form-submit-hint = 保存
commands-loop-form-cancel = 关闭而不记录
commands-loop-form-cancel-hint = 取消

commands-survey-cancel = 关闭而不记录
commands-survey-cancel-hint = 取消

commands-escalations-down = 下一个升级
commands-escalations-down-hint = 移动
commands-escalations-up = 上一个升级
commands-escalations-open = 打开升级的工单
commands-escalations-open-hint = 打开
commands-escalations-close = 关闭（列表视为已读）
commands-escalations-close-hint = 关闭

commands-suggestions-down = 下一篇文章
commands-suggestions-up = 上一篇文章
commands-suggestions-link = 回复文章链接
commands-suggestions-link-hint = 链接
commands-suggestions-quote = 回复并引用文章
commands-suggestions-quote-hint = 引用
commands-suggestions-open = 在知识库中打开文章
commands-suggestions-open-hint = 打开
commands-suggestions-helpful = 将文章标为有帮助
commands-suggestions-helpful-hint = 评价
commands-suggestions-unhelpful = 将文章标为没有帮助
commands-suggestions-close = 关闭推荐
commands-suggestions-close-hint = 关闭

commands-conflict-reapply = 将我的更改重新应用到工单的当前版本
commands-conflict-reapply-hint = 重新应用
commands-conflict-discard = 放弃我的更改
commands-conflict-discard-hint = 放弃

commands-collision-send = 仍然发送我的回复
commands-collision-send-hint = 发送
commands-collision-edit = 编辑我的回复（在当前会话下重新打开）
commands-collision-edit-hint = 编辑
commands-collision-discard = 放弃我的回复
commands-collision-discard-hint = 放弃

commands-review-send = 发送（连同宏的更改）
commands-review-send-hint = 发送
commands-review-edit = 返回编辑器
commands-review-edit-hint = 编辑
commands-review-postpone = 作为草稿保留在工单上（r 继续编辑）
commands-review-postpone-hint = 稍后
commands-review-discard = 放弃（会先确认）
commands-review-discard-hint = 放弃
commands-review-mail = 同时通过邮件发送回复（非邮件工单）
commands-review-solution = 将回复标为提出解决方案（停止 3-5-7 首次解决方案计时）

commands-confirm-yes = 是，继续
commands-confirm-yes-hint = 是
commands-confirm-no = 否，返回
commands-confirm-no-hint = 否

commands-conflicts-down = 下一个冲突
commands-conflicts-down-hint = 移动
commands-conflicts-up = 上一个冲突
commands-conflicts-accept = 保留胜出的值；该冲突移出列表
commands-conflicts-accept-hint = 接受对方
commands-conflicts-reapply = 再次写入你的值（一次新的更改，现在由它胜出）
commands-conflicts-reapply-hint = 重用我的
commands-conflicts-close = 关闭冲突列表
commands-conflicts-close-hint = 关闭

commands-schedule-enter = 将选中的待安排上门预约在光标处 2 小时；在工程师行上，打开光标处上门的工单
commands-schedule-enter-hint = 预约 / 打开
commands-schedule-focus = 在工程师和待安排时间的上门之间切换
commands-schedule-focus-hint = 待安排
commands-schedule-view = 显示周视图 / 当天时间线
commands-schedule-view-hint = 周 / 日
commands-schedule-down = 下一位工程师（或待安排的上门）
commands-schedule-down-hint = 移动
commands-schedule-up = 上一位工程师（或待安排的上门）
commands-schedule-left = 提前一小时（周视图：前一天）
commands-schedule-right = 推后一小时（周视图：后一天）
commands-schedule-right-hint = 小时
commands-schedule-prev = 前一天（周视图：上一周）
commands-schedule-next = 后一天（周视图：下一周）
commands-schedule-next-hint = 日
commands-schedule-today = 转到今天并重新读取排班
commands-schedule-reschedule = 将光标处的上门退回待安排列表（改期）
commands-schedule-reschedule-hint = 改期
commands-schedule-close = 关闭排班
commands-schedule-close-hint = 关闭

commands-qa-score = 按评分表给队列中选中的工单评分（组长）
commands-qa-score-hint = 评分
commands-qa-tab = 在质检队列和对你工作的评审之间切换
commands-qa-tab-hint = 队列 / 我的
commands-qa-down = 下一个工单或评审
commands-qa-down-hint = 移动
commands-qa-up = 上一个工单或评审
commands-qa-sample = 将上周已解决的工单抽入队列：所有投诉和低分工单，每位客服随机抽几个（组长）
commands-qa-sample-hint = 抽检上周
commands-qa-sample-this-week = 抽检本周至今已解决的工单（组长）
commands-qa-close = 关闭质检
commands-qa-close-hint = 关闭

commands-plans-advance = 将选中的措施推进一步：计划 → 执行 → 检查 → 处理 → 计划（下一轮循环）
commands-plans-advance-hint = 推进
commands-plans-back-to-do = 检查发现无效：退回执行
commands-plans-back-to-do-hint = 退回执行
commands-plans-detail = 显示 / 隐藏选中措施的字段和历史
commands-plans-detail-hint = 详情
commands-plans-down = 下一项措施
commands-plans-down-hint = 移动
commands-plans-up = 上一项措施
commands-plans-top = 第一项措施（最早到期）
commands-plans-bottom = 最后一项措施（最晚到期）
commands-plans-reload = 重新读取措施和指标
commands-plans-close = 从详情返回，或关闭改进措施
commands-plans-close-hint = 返回 / 关闭

commands-qa-form-next = 下一个评分项或评论
commands-qa-form-next-hint = 下一个
commands-qa-form-prev = 上一个评分项
commands-qa-form-submit = 记录评审（每个评分项都已评分）
commands-qa-form-submit-hint = 保存
commands-qa-form-clear = 清除评分（在评论中删除一个字符）
commands-qa-form-cancel = 关闭表单而不记录
commands-qa-form-cancel-hint = 取消

commands-text-left = 光标左移
commands-text-right = 光标右移
commands-text-word-left = 左移一个词
commands-text-word-right = 右移一个词
commands-text-home = 到开头
commands-text-end = 到末尾
commands-text-delete-back = 删除光标前的字符
commands-text-delete = 删除光标处的字符
commands-text-delete-word-back = 删除光标前的词
commands-text-delete-word = 删除光标后的词
commands-text-clear = 清除文本
commands-text-kill-to-end = 删除到末尾
