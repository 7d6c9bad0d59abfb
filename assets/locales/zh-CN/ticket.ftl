# 工单字段的显示名称（存储、命令行的机器格式和视图语言仍用英文）。
ticket-status-new = 新建
ticket-status-open = 处理中
ticket-status-pending = 等待客户
ticket-status-on-hold = 挂起
ticket-status-solved = 已解决
ticket-status-closed = 已关闭
ticket-status-merged = 已合并
# 红黄绿蓝四色优先级；界面总在旁边显示字母（U H N L）。
ticket-priority-urgent = 红
ticket-priority-high = 黄
ticket-priority-normal = 绿
ticket-priority-low = 蓝
# 选择列表中，附上级别。
ticket-priority-urgent-with-colour = 红（紧急）
ticket-priority-high-with-colour = 黄（高）
ticket-priority-normal-with-colour = 绿（普通）
ticket-priority-low-with-colour = 蓝（低）
# 工单面板及其选择器中的工单类型和受理渠道。
ticket-kind-question = 咨询
ticket-kind-complaint = 投诉
ticket-kind-service-request = 服务请求
ticket-kind-value-added = 增值服务
ticket-kind-incident = 故障
ticket-kind-task = 任务
ticket-channel-phone = 电话
ticket-channel-email = 邮件
ticket-channel-web = 网页
ticket-channel-chat = 在线客服
ticket-channel-wechat = 微信
ticket-channel-weibo = 微博
ticket-channel-on-site = 上门
# 工单面板：标题，以及没有打开工单时的提示。
ticket-pane = 工单
ticket-loading = 加载中…
ticket-none-open = 没有打开的工单。
ticket-pick-one = 在工单队列（1）中选中一张工单，按 Enter 打开。
# 对话区标题：消息条数，以及暂存的草稿（$key 继续编辑）。
ticket-thread = 对话 · { $n } 条消息
ticket-draft-kept-reply = 回复草稿已保留（{ $key } 继续编辑）
ticket-draft-kept-note = 备注草稿已保留（{ $key } 继续编辑）
# 显示在对话区下边框上，后接推荐文章标题；按 b 列出文章。
ticket-suggested = b 推荐文章：
# 消息标题行中的作者身份。
ticket-author-unknown = 未知
ticket-role-internal-note = 内部备注
ticket-role-customer = 客户
ticket-role-reply = 回复
ticket-role-system = 系统
# 变更历史（H）。
ticket-history = 变更历史（H 返回对话）
ticket-history-none = 还没有变更记录（批量导入的工单没有历史）。
# 工单头部的字段名：与字段值同行显示，请保持简短。
ticket-label-status = 状态
ticket-label-priority = 优先级
ticket-label-kind = 类型
ticket-label-channel = 渠道
ticket-label-customer = 客户
ticket-label-assignee = 处理人
ticket-label-group = 分组
ticket-label-tags = 标签
ticket-label-created = 创建
ticket-label-updated = 更新
ticket-label-product = 产品
ticket-label-warranty = 保修
ticket-label-visits = 上门
ticket-label-merged-into = 已合并到
ticket-label-links = 关联
ticket-unassigned = 未指派
# 按日期判断的保修状态：保内（截至某日）或保外（自某日起）。
ticket-warranty-in = 保内，至 { $day }
ticket-warranty-out = 保外，自 { $day } 起
# 工单头部的 SLA 行：策略名，然后是每个计时器的剩余或已用时间。
ticket-sla = SLA
ticket-sla-no-policy = 没有适用于此工单的 SLA 策略
ticket-sla-met = 已达标 { $took }
ticket-sla-late = 超时完成 { $took }
ticket-sla-left-due = { $left }（{ $when } 到期）
ticket-sla-target-first-response = 首次响应
ticket-sla-target-first-solution = 首次解决
ticket-sla-target-next-reply = 下次回复
ticket-sla-target-resolution = 解决
# 对打开的工单操作：选择器的标题和选项，以及提示消息。
ticket-open-first = 请先打开一张工单（在工单队列中按 Enter）
ticket-status-final = #{ $number } 已是“{ $status }”，状态不能再更改
ticket-close-with-reason = 已关闭 — { $reason }（不回访）
ticket-closed-after-revisit = 投诉回访后才能关闭（E 推进投诉阶段）
ticket-status-of = #{ $number } 的状态（当前：{ $status }）
ticket-kind-of = #{ $number } 的类型（当前：{ $kind }）
ticket-group-of = #{ $number } 的分组（当前：{ $group }）
ticket-channel-of = #{ $number } 的渠道（当前：{ $channel }）
ticket-priority-of = #{ $number } 的优先级
ticket-assign = 指派 #{ $number }
ticket-no-group = 不分组
ticket-group-none = 无
ticket-me = 我（{ $me }）
ticket-nobody = 不指派
ticket-quoted-shown = 已展开引用的历史邮件和签名（z 折叠）
ticket-quoted-folded = 已折叠引用的历史邮件和签名（z 展开）
ticket-changed-elsewhere = #{ $number } 已被他人修改，已重新加载；请重新操作
ticket-not-a-number = “{ $text }”不是工单号
ticket-take-needs = 请先打开一张工单（并设置 agent.handle）再认领
# 工单写入的结果，显示在提示消息中的工单号之后。
ticket-done-saved = 已保存
ticket-done-replied = 回复已发送
ticket-done-noted = 内部备注已添加
ticket-done-merged = 已合并到 #{ $into }
ticket-done-linked = 已关联到 #{ $to }
ticket-done-taken = 已认领
ticket-done-follow-up = 回访已记录：{ $outcome }
ticket-done-survey = 满意度调查已记录
ticket-done-draft-saved = 草稿已保留 — r 继续编辑，u 立即恢复
ticket-done-draft-discarded = 草稿已放弃
