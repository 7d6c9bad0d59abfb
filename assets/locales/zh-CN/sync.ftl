# 屏幕上的副本：状态栏的同步标记、与团队数据库（主库）后台同步的提示，以及此客服在同步时被覆盖的编辑列表
# （:conflicts 是命令，请保持原样）。
# 状态栏标记，从长到短；状态栏取第一个不超过其宽度四分之一的。
sync-badge-busy = 同步中…
sync-badge-waiting = { $head } · ↑{ $up } 待发送
sync-badge-unreachable = 连不上主库
sync-badge-offline = 离线
sync-badge-failed = 同步失败
sync-badge-failed-short = 同步!
sync-badge-hub = 主库
# 副本上次与主库一致是多久以前，不到一分钟时（窄）。
sync-age-seconds = { $n }秒
sync-renumbered = #{ $was } 现为 #{ $now }
sync-synced-nothing = 已同步：没有要发送或接收的内容
sync-synced = 已同步：发送 { $sent } 条，接收 { $received } 条
sync-failed = 同步失败：{ $why }
sync-conflict-toast = { $what } — :conflicts
sync-conflicts-toast = 你的 { $n } 处更改被他人的更改覆盖 — :conflicts
sync-not-replica = 此数据库不是副本：请用 `desk replica create --from TEAM.db LOCAL.db` 创建副本并打开它
sync-running = 同步：已有同步正在进行
# 冲突列表。
sync-conflicts-title = 同步时被覆盖的编辑 · { $n }
sync-conflicts-hint = { $accept } 保留对方的 · { $reapply } 重新应用你的 · { $close } 关闭
sync-settling = 处理中…
sync-loading = 加载中…
sync-no-conflicts = 没有冲突：你的编辑都没有被同时进行的编辑覆盖。两个副本在同步前修改了同一字段时，较晚的更改生效，另一个会列在这里，供做出更改的人查看。
# 一条冲突：$field 为工单字段（见下），$mine 和 $theirs 为两个值，$on 为工单（#1042），$by 为胜出更改的作者，$when 为时间。
sync-conflict = 你在 { $on } 上将{ $field }改为 { $mine } 的更改，被 { $by } 的 { $theirs } 覆盖 { $when }
sync-conflict-short = { $on } { $field }：你的 { $mine } 被 { $by } 的 { $theirs } 覆盖 { $when }
sync-value-nothing = 空
sync-reapplied = 已在 { $on } 上重新写入你的{ $field }：{ $value }
sync-kept = 已在 { $on } 上保留 { $by } 的 { $value }
sync-not-settled = 未处理：{ $error }
# 冲突中工单字段的名称。
sync-field-subject = 主题
sync-field-status = 状态
sync-field-priority = 优先级
sync-field-kind = 类型
sync-field-channel = 渠道
sync-field-customer = 客户
sync-field-assignee = 处理人
sync-field-group = 组
sync-field-merged-into = 合并到
sync-field-complaint-stage = 投诉阶段
sync-field-close-reason = 关闭原因
sync-field-complaint-category = 投诉类别
sync-field-complaint-severity = 严重程度
sync-field-complaint-owner = 责任人
sync-field-root-cause = 根本原因
sync-field-complaint-resolution = 处理结果
