# 命令行给人看的成功和汇总信息。变量带入机器用词——账号、编号、角色、路径、反引号中的命令——在各语言中原样保留；
# 数量按原样输出。

# desk init
said-init-ready = 数据库已就绪：{$path}（schema v{$schema}）
said-init-registered = 你（{$handle}）已注册为它的 {$role}；用 {$add} 添加团队成员

# desk agent
said-agent-added = 已添加 {$handle}，角色为 {$role}
said-agent-role = {$handle} 现在的角色是 {$role}
said-agent-deactivated = {$handle} 已停用
said-agent-capacity = {$handle}：容量为 {$n} 张未结工单
said-agent-no-limit = {$handle}：容量不限
said-agent-hours = {$handle}：工作时间 {$calendar}
said-agent-always-on-shift = {$handle}：工作时间不限（始终在班）
said-agent-availability = {$handle} 现在{$availability}
said-agent-no-skills = 没有技能

# desk customer
said-customer-contact = 邮箱 {$email} · 电话 {$phone}
said-customer-organization = 单位 {$organization} · 城市 {$city} · 客户始于 {$since}
said-customer-address = 地址 {$address}
said-customer-address-labelled = 地址（{$label}）{$address}
said-customer-address-default = {$address} · 默认
said-customer-gender = 性别 {$gender}
said-customer-prefers = 偏好 {$when}
said-customer-tags = 标签 {$tags}
said-customer-tier = 等级 {$tier}（{$source}）· {$reason}
said-customer-stage = 阶段 {$stage} · {$reason}
said-customer-risk = 风险 {$level}（{$score}）
said-customer-orders = 订单 {$count} 笔 · 合计 ¥{$total} · RFM {$rfm}
said-customer-value = 客户终身价值 ¥{$value} · 每年 {$per-year} 笔订单 · {$buyer}
said-customer-repeat-buyer = 回头客
said-customer-one-order = 目前只有一笔订单
said-customer-product = 产品 {$name} [{$serial}] · {$warranty}
said-customer-care = {$kind} {$due} 到期 · {$note}
said-customer-notes = 备注：
said-customer-timeline = 时间线（{$n} 张未结工单）：
said-customer-care-done = 关怀任务 {$task} 已完成
said-customer-recomputed = 已重算 {$customers} 位客户，用时 {$seconds} 秒：{$upgraded} 位升级，{$downgraded} 位降级，{$stages} 位阶段变化，{$risky} 位转为高风险（{$win-back} 个挽回任务）；已安排 {$care} 条关怀提醒

# desk kb
said-kb-status-now = {$id}：现在是 {$status}
said-kb-status-already = {$id}：已经是 {$status}
said-kb-votes = {$id}：{$up} 人觉得有用，{$down} 人觉得没用
said-kb-exported = 已导出 {$n} 篇文章到 {$path}
said-kb-imported = 已从 {$path} 导入 {$n} 篇文章：新增 {$new} 篇，更新 {$updated} 篇，{$unchanged} 篇未变
said-kb-imported-skipping = 已从 {$path} 导入 {$n} 篇文章：新增 {$new} 篇，更新 {$updated} 篇，{$unchanged} 篇未变；跳过 {$bad} 个有误的文件

# desk sla run, desk task, desk survey
said-service-auto-closed = #{$n} 已关闭：已解决且客户未回复
said-service-sweep = 升级 {$escalated} 张，关闭 {$closed} 张，重算 {$clocks} 个计时
said-service-sweep-complaints = 升级 {$escalated} 张，关闭 {$closed} 张，重算 {$clocks} 个计时，{$complaints} 个已解决的投诉等待复访
said-service-follow-ups-waiting = {$n} 张已解决的工单在记录回访之前保持未结（{$list}）
said-service-replica = 这是一个副本：升级和自动关闭由它的中心库执行，通过 {$sync} 同步过来
said-service-no-tasks = 没有 {$due} 到期的待办任务
said-service-no-tasks-at-all = 没有任何待办任务
said-service-follow-up = #{$n}：已记录回访（{$outcome}）；闭环：{$stage}
said-service-follow-up-reopened = #{$n}：已记录回访（{$outcome}）；工单已重新打开
said-service-survey = #{$n}：已记录满意度调查（{$summary}）
said-service-low-score = #{$n}：低分（{$why}）：已安排补救任务回电客户（{$list}）
said-service-low-score-reopened = #{$n}：低分（{$why}）：已安排补救任务回电客户（{$list}）；工单已重新打开
said-service-no-items = 没有问卷题目：调查只问 CSAT、NPS 和 CES。可在 {$setting} 下添加。
said-service-items-scored = 每题按 1–5 分打分：{$example}

# desk qa
said-qa-sampled-ticket = #{$n} 已进入质检队列
said-qa-sampled-already = #{$n} 已经在质检队列中
said-qa-sampled-week = {$week}：抽取 {$n} 张工单进入质检队列
said-qa-reviewed = #{$n}：{$who} 的质检评审：{$score}
said-qa-score-critical = {$total}/100 ✗ 关键项不合格
said-qa-criterion = {$key} — {$label} · 权重 {$weight} · 0–{$max}
said-qa-criterion-critical = {$key} — {$label} · 权重 {$weight} · 0–{$max} · 关键项
said-qa-sample = 客服 {$agent} · 抽样于 {$week}（{$reason}）· {$n} 份评审
said-qa-review = {$who} 的评审：{$score}
said-qa-item-critical = {$item}（关键项）
said-qa-comment = 评语：{$comment}
said-qa-calibration = 校准 {$first} → {$second}：总分相差 {$diff}

# desk ingest, desk mail fetch, desk attachment
said-intake-created = #{$n} 新工单
said-intake-follow-up = #{$n} 新工单（已关闭的 #{$of} 的后续）
said-intake-answer = #{$n} 回复
said-intake-answer-reopened = #{$n} 回复，已重新打开
said-intake-survey = #{$n} 满意度调查回复：{$scores}
said-intake-survey-reopened = #{$n} 满意度调查回复：{$scores}，已重新打开
said-intake-noted = #{$n} 仅作备注：{$reason}
said-intake-ignored = 已忽略：{$reason}
said-intake-duplicate = #{$n} 已在 desk 中
said-intake-duplicate-unknown = 已在 desk 中
said-intake-summary = {$n} 封消息：{$created} 张新工单，{$answers} 条回复，{$notes} 条备注，{$ignored} 条忽略，{$duplicates} 条已在 desk 中
said-intake-mailbox-failed = 邮箱 {$mailbox}：{$error}
said-intake-skipped = {$place}：已跳过：{$error}
said-intake-no-attachments = #{$n} 没有附件
said-intake-saved = 已将 {$name}（{$size}）保存到 {$path}

# desk mail send, desk mail outbox
said-mail-unknown-group = 注意：{$section} 指定的组在 desk 中不存在；其 From 和签名不会使用
said-mail-sent = 已发送 #{$n} {$kind} 给 {$to} <{$id}>
said-mail-not-sent = 未发送 #{$n} 给 {$to}：{$error}（第 {$attempt} 次尝试；下次重试 {$next}）
said-mail-failed = 发送失败 #{$n} 给 {$to}：{$error}（已记在工单上）
said-mail-summary = {$due} 封待发：已发送 {$sent} 封，待重试 {$retry} 封，失败 {$failed} 封
said-mail-outbox-empty = 发件箱是空的
said-mail-outbox-nothing-waiting = 发件箱是空的（没有待发或失败的邮件）

# desk replica, desk sync, desk conflicts
said-sync-replica-made = {$path} 是 {$hub} 的副本（{$tickets} 张工单，{$size} MB）；用 {$db}（或 DESK_DB）在其中工作，能连上中心库时运行 {$sync}
said-sync-hub-not-noted = 注意：无法写入 {$hub} 来登记新副本；第一次同步会读取此副本的全部日志
said-sync-duties = {$path} 现在负责收发团队邮件、执行升级和自动关闭（副本 {$replica}）；请让一个 desk 在上面一直运行（或用 cron 运行 `desk mail fetch`、`desk mail send` 和 `desk sla run`）
said-sync-duties-moved = {$path} 现在负责收发团队邮件、执行升级和自动关闭（副本 {$replica}）；副本 {$before} 在下次同步时停止这些工作；请让一个 desk 在上面一直运行（或用 cron 运行 `desk mail fetch`、`desk mail send` 和 `desk sla run`）
said-sync-status-replica = 副本 {$replica}，中心库 {$hub}，位于 {$location}
said-sync-status-last = 上次同步：{$at}（{$ago}）
said-sync-status-never = 上次同步：从未同步
said-sync-status-failed = 上次尝试失败 {$at}：{$error}
said-sync-status-to-send = 待发送：{$changes} 项变更，{$rows} 行
said-sync-status-to-receive = 待接收：{$changes} 项变更，{$rows} 行
said-sync-status-to-receive-unknown = 待接收：未知（连不上中心库）
said-sync-status-conflicts = 未处理的冲突：{$n}
said-sync-synced = 已与 {$hub} 同步
said-sync-sent = 已发送：{$applied}
said-sync-received = 已接收：{$applied}
said-sync-applied = {$changes} 项变更，{$rows} 行
said-sync-applied-conflicts = ，{$n} 个冲突
said-sync-applied-refused = ，{$n} 个被拒绝
said-sync-renumbered = #{$was} 现在是 #{$now}
said-sync-edits-lost = 你有 {$n} 处修改因同时发生的修改而未生效；见 {$list}
said-sync-accepted = 已保留胜出的值；{$id} 已解决
said-sync-reapplied = 已重新写入你的值；{$id} 已解决

# desk part
said-part-added = 已添加备件 {$code}
said-part-none-low = 没有库存不足的备件
said-part-none = 还没有备件；用 {$add} 添加
said-part-received = {$code} 在 {$location}：现有库存 {$n}
said-part-moved = 已将 {$n} × {$code} 从 {$from} 调拨到 {$to}
said-part-counted = {$code} 在 {$location}：盘点数量 {$n}

# desk route run
said-route-summary = {$n} 张未分配的未结工单：{$routed} 张按规则分流，{$assigned} 张已分配
said-route-waiting = {$n} 张在 {$group} 等待：{$why}

# desk customer edit
said-customer-unchanged = {$id}：没有改动
said-customer-tags-set = {$id}：标签 {$tags}
said-customer-merged = 已将 {$from} 合并到 {$into}：转移了 {$tickets} 张工单、{$products} 个产品、{$orders} 笔订单、{$surveys} 份调查、{$tasks} 个任务
said-customer-no-duplicates = {$id} 没有重复的客户

# desk plan
said-plan-added = P{$n}：{$title} · {$indicator} 当前 {$now}（目标 {$target}）· 截止 {$due}
said-plan-status = 状态 {$status} · 截止 {$due}
said-plan-owner = 负责人 {$owner}
said-plan-indicator = 指标 {$indicator} · 基线 {$baseline} · 目标 {$target}
said-plan-rule = 来自报告的建议 {$rule}
said-plan-note = 备注 {$note}

# desk backup, desk restore
said-backup-size = {$pages} 页 × {$bytes} 字节 = {$mb} MB
said-backup-done = 已将 {$db} 备份到 {$path}：{$size}，quick_check 通过
said-backup-done-restarted = 已将 {$db} 备份到 {$path}：{$size}，quick_check 通过（因其他 desk 写入而重新开始 {$n} 次）
said-backup-restored = 已将 {$backup} 恢复到 {$path}（schema v{$schema}，{$size}），quick_check 通过
said-backup-kept = 被替换的数据库保留为 {$path}；确认无误后可以删除
said-backup-none-before = {$path} 之前没有数据库

# desk convert
said-convert-to-shared = {$path}：已从 WAL 切换为回滚日志（journal_mode=delete）；可以用于共享模式
said-convert-already-shared = {$path} 已经使用回滚日志（共享模式）；没有改动
said-convert-to-local = {$path}：已从回滚日志切换为 WAL（journal_mode=wal）；请放在本地磁盘上
said-convert-already-local = {$path} 已经使用 WAL（本地模式）；没有改动
said-convert-opens-local = 注意：desk 在这里以本地模式打开 {$path}（未检测到网络共享，或 [storage] mode = "local"），会把它切回 WAL；请把它移到共享目录，或设置 [storage] mode = "shared"
said-convert-opens-shared = 注意：desk 在这里以共享模式打开 {$path}（网络共享，或 [storage] mode = "shared"），共享模式不接受 WAL 文件；请把它移到本地磁盘，或设置 [storage] mode = "local"

# desk check
said-check-rebuilt = 已根据工单重建每日报表汇总
said-check-quick = {$path}（schema v{$schema}，快速检查）
said-check-full = {$path}（schema v{$schema}，完整性全面检查）
said-check-more = …… 另有 {$n} 项
said-check-healthy = 状态良好：全部 {$n} 项检查通过

# desk group
said-group-added = 已添加分组 {$name}
said-group-no-members = 没有成员
said-group-renamed = 已将分组 {$old} 改名为 {$new}
said-group-assigns = {$group} 的指派方式：{$how}
said-group-archived = {$group} 已归档
said-group-open-again = {$group} 已重新启用

# desk customer address
said-address-default = {$id}：默认地址为 {$address}
said-address-removed = {$id}：已删除地址 {$address}

# desk ticket merge, desk ticket link, desk ticket show
said-ticket-merged = #{$n} 已合并到 #{$target}
said-ticket-linked = #{$a} ↔ #{$b} 已关联
said-ticket-already-linked = #{$a} ↔ #{$b} 早已关联
said-ticket-shown-merged = #{$n} 已合并到 #{$now}；显示 #{$now}
said-ticket-renumbered = #L{$n} 已由中心库编号为 #{$now}；显示 #{$now}

# desk ticket show：现场服务（保修、上门和退换货申请）
said-field-warranty = 保修：{$coverage} — {$reason}
said-field-visit = 上门 V{$n} {$service} {$status} · {$engineer} · {$window} · {$coverage}
said-field-no-engineer = 未指派工程师
said-field-return = 退换货 R{$n} {$kind}（{$reason}）{$status} · {$rules}
# 现场服务各行中的保内 / 保外。
said-coverage-in = 保内
said-coverage-out = 保外
said-coverage-unknown = 保修未定

# desk plan set, desk plan show
said-plan-set = P{$n}：{$status} · {$title}
said-plan-title = P{$n} {$title}

# desk return
said-return-new = 工单 #{$ticket} 的 R{$n}：{$kind}（{$reason}）{$status}
said-return-rules = 规则：{$rules}
said-return-set = R{$n}：{$kind} {$status}
said-return-set-refund = R{$n}：{$kind} {$status}，退款 ¥{$refund}

# desk visit new, desk visit set
said-visit-new = 工单 #{$ticket} 的 V{$n}：{$service} {$status}（{$coverage}）
said-visit-arrive = 最晚到达 {$by} · {$window}
said-visit-reserved = V{$n}：已在 {$location} 预留 {$qty} × {$code}
said-visit-set = V{$n}：{$status} · {$window} · {$coverage}
said-visit-quote-waits = 报价 ¥{$amount} 等待客户答复（{$accept} 或 {$decline}）
said-visit-warning = 警告：{$warning}
said-visit-part-misfit = {$code} 适用于 {$products}；该工单的产品是 {$product}
said-visit-part-low = {$code} 库存不足：可用 {$free}（补货点 {$reorder}）；{$receive}
said-visit-overlap = V{$a} 与 V{$b} 在 {$engineer} 的日程上时间重叠
said-visit-tight-travel = V{$a} 与 V{$b} 地点不同，间隔仅 {$gap} 分钟；路程需要 {$travel} 分钟
said-visit-window-late = 预约时段结束晚于到达时限（{$by}）

# desk visit report：服务报告（Markdown；表格各行和标题）
said-visit-report-title = 服务报告 V{$n}
said-visit-report-ticket = 工单
said-visit-report-customer = 客户
said-visit-report-address = 地址
said-visit-report-service = 服务
said-visit-report-engineer = 工程师
said-visit-report-window = 预约时间
said-visit-report-arrived = 到达
said-visit-report-finished = 完成
said-visit-report-status = 状态
said-visit-report-warranty = 保修
said-visit-report-work-done = 处理情况
said-visit-report-no-notes = （暂无记录）
said-visit-report-parts = 备件
said-visit-report-no-parts = 无。
said-visit-report-parts-header = | 编码 | 备件 | 数量 | 金额 | 状态 |
said-visit-report-part-used = 已使用
said-visit-report-part-reserved = 已预留
said-visit-report-charges = 费用
said-visit-report-labour = 工时：{$minutes} 分钟
said-visit-report-in-warranty = 保内：免费。
said-visit-report-out-of-warranty = 保外，按已完成的工作计费：备件 ¥{$parts} + 工时 ¥{$labour} + 上门费 ¥{$call-out} = ¥{$total}
said-visit-report-quote = 报价：{$quote}，{$answer}。
said-visit-report-quote-accepted = 客户已接受
said-visit-report-quote-declined = 客户已拒绝
said-visit-report-quote-pending = 等待客户答复
said-visit-report-quote-not-sent = 尚未发送
said-visit-report-warranty-unknown = 保修尚未判定；费用按判定结果计算。
said-visit-report-confirmation = 客户确认
said-visit-report-confirmed = 已由 {$name} 于 {$at} 确认。
said-visit-report-not-confirmed = 尚未确认。签字：____________  日期：____________

# desk hub
said-hub-made = {$url} 现在是 desk 中心库（中心库 {$hub}）；用 {$push} 迁入团队，或用 {$replica} 创建副本
said-hub-up-to-date = {$url} 是 desk 中心库（中心库 {$hub}）；其 schema 已是最新
said-hub-status = 中心库 {$hub}，位于 {$url}
said-hub-log = 日志：{$entries} 条待投递，{$history} 条在历史中（{$mb} MB）；位置 {$position}
said-hub-state = 当前状态：{$rows} 行（{$mb} MB）
said-hub-replicas = 副本：{$n} 个
said-hub-replica = {$replica}  落后 {$lag} 条  推送 {$pushed}  拉取 {$pulled}
said-hub-never = 从未
said-hub-compacted = 已将 {$n} 条所有副本都已拥有的条目移入历史；日志保留尚有副本缺少的条目
said-hub-pushed = 已将 {$team} 迁入 {$url}：{$tickets} 张工单，{$rows} 行，{$entries} 条日志；下一张工单是 #{$next}。现在每位客服运行 {$replica}，并在其中工作

# desk check：对照中心库检查
said-check-against-hub = {$db} 对照其中心库 {$hub}
