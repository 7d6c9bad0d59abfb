# 命令行对输入的报错（退出码 2），以及命令的少数其他错误。变量带入机器用词——参数、字段名、可选值、路径、编号——
# 在各语言中原样保留。

# 多个命令共用。
usage-unknown-value = 未知的 {$what} `{$value}`（可选值：{$allowed}）
usage-labelled = {$label}：{$problem}
usage-not-field-value = `{$change}` 不是 FIELD=VALUE 格式；例如 {$example}
usage-cannot-set = 不能设置 `{$field}`；可设置的字段：{$fields}
usage-date-flag = {$flag} `{$value}`：请使用 YYYY-MM-DD 格式
usage-not-a-date = {$flag} `{$value}` 不是日期；请写成 YYYY-MM-DD，例如 {$example}
usage-clock-out-of-range = 系统时钟超出范围
usage-file-exists = {$path} 已存在；desk 不会覆盖文件
usage-not-a-replica = {$path} 不是副本；请用 `desk replica create --from TEAM.db LOCAL.db` 创建一个

# 工单。
usage-ticket-number = `{$value}` 不是工单号（例如 1042 或 #1042）
usage-ticket-not-a-change = `{$spec}` 不是一项修改；请写成 field=value、tags+=tag 或 tags-=tag
usage-tag-empty = 标签不能为空
usage-tag-not-one-word = `{$tag}` 不是一个标签：标签是一个词，不含空格、控制字符、`,`、`|` 或 `"`（例如 vip、out-of-warranty 或 退款）
usage-ticket-subject-empty = --subject 为空
usage-ticket-who-is-writing = 是谁在写？请在配置中把 agent.handle（或 USER）设为本数据库中一位客服的账号
usage-ticket-body-missing = 请用 --body、--body-file 或标准输入提供正文
usage-ticket-body-empty = 消息为空；未写入任何内容
usage-ticket-unknown-view = 未知的视图 `{$view}`；可用视图：{$views}
usage-ticket-import-bad-lines = {$n} 行有误（见上）：未导入任何内容；请修正这些行，或用 --skip-bad 导入其余 {$good} 行正确的记录

# 上门服务和退换货。
usage-visit-number = `{$value}` 不是上门编号；例如 V3 或 3
usage-visit-no-midnight = {$date} 在 {$zone} 时区没有午夜时刻
usage-visit-field-value = {$field} `{$value}`：{$problem}
usage-visit-window-hint = 请使用 `YYYY-MM-DD HH:MM-HH:MM` 或 `YYYY-MM-DD HH:MM+2h`
usage-visit-labour-hint = 请使用分钟数（45）或时长（1h30m）
usage-visit-quote-hint = 请使用以元为单位的金额（350.00），或 pending、accepted、declined
usage-visit-not-a-field = `{$field}` 不是上门服务的字段；可用字段：{$fields}
usage-visit-part-quantity = part `{$value}`：`:` 后面的数量应为数字
usage-visit-part-location = part `{$value}`：请写明库位，例如 {$code}:1@上海仓
usage-visit-window = --window `{$value}`：请使用 `YYYY-MM-DD HH:MM-HH:MM` 或 `YYYY-MM-DD HH:MM+2h`
usage-return-number = `{$value}` 不是退换货申请编号；例如 R2 或 2
usage-return-refund = refund `{$value}`：应为以元为单位的金额，例如 199 或 199.50
usage-return-not-a-field = `{$field}` 不是退换货申请的字段；可用字段：{$fields}

# 备件。
usage-part-money = {$flag} `{$value}`：应为以元为单位的金额，例如 89 或 89.50
usage-part-reorder = --reorder 应为 0 或更大的数量

# 报告和改进措施。
usage-report-to-needs-from = --to 需要同时给出 --from（报告的第一天）
usage-report-backwards = 时段的结束日（{$to}）早于开始日（{$from}）
usage-report-period = --period `{$value}` 不是有效的时段；请使用 today、7d、30d 或 quarter，或给出 --from 和 --to
usage-report-group-by = --group-by `{$value}` 不是有效的维度；可选：{$allowed}
usage-plan-indicator = `{$value}` 不是指标；可选：{$allowed}
usage-plan-suggestion-range = 报告中有 {$n} 条建议；请给出 1–{$n} 之间的一条（见 `desk report`）
usage-plan-suggestion-no-indicator = 建议 {$n}（{$rule}）没有指定要改进的指标；请使用 --title 和 --indicator
usage-plan-from-what = 请给出 --from-suggestion N，或 --title 和 --indicator
usage-plan-not-a-change = `{$change}` 不是一项修改；请写成 field=value
usage-plan-status = status `{$value}`：可选 {$allowed}

# 客服、组、质检。
usage-agent-capacity = capacity `{$value}` 不是工单数量（或 none）
usage-agent-availability = availability `{$value}`：可选 {$allowed}
usage-agent-not-a-field = `{$field}` 不是派单字段；可用字段：{$fields}
usage-agent-role = `{$value}` 不是角色；可选：{$allowed}
usage-group-assignment = assignment `{$value}`：可选 {$allowed}
usage-group-archived = archived `{$value}`：请使用 yes 或 no
usage-group-not-a-field = `{$field}` 不是组中可设置的字段；可用字段：{$fields}
usage-qa-who = 你是谁？请在配置中设置 agent.handle，或给出 --agent

# 客户、任务及其文件。
usage-customer-view = 未知的客户视图 `{$view}`（可用视图：{$views}）
usage-customer-due = --due {$value}：请使用 today、7d、overdue 或 all
usage-customer-change = `{$change}`：修改请写成 field=value
usage-task-due = --due {$value}：请使用 today、overdue、all，或 7d、12h 这样的时间窗口
usage-csv-unreadable = {$path}：无法读取（{$error}）
usage-csv-rejects-unwritable = {$path}：无法写入被拒记录文件（{$error}）
usage-csv-refused = {$path}：{$problem}；未导入任何内容
usage-csv-bad-rows = {$path}：{$n} 行有误；未导入任何内容——请修正上面的行，或使用 --skip-bad
usage-csv-not-encoding = {$file} 不是有效的 {$encoding} 编码（第 {$line} 行含有该编码没有的字节）；请检查文件的编码，或将其另存为“CSV UTF-8”并去掉 --encoding
usage-csv-looks-like = {$file} 不是 UTF-8 编码（从第 {$line} 行起）；看起来是 {$encoding}——请使用 --encoding {$flag}，或将其另存为“CSV UTF-8”
usage-csv-not-utf8 = {$file} 不是 UTF-8 编码（从第 {$line} 行起），也不是 GBK 或 Big5；请将其另存为“CSV UTF-8”（Excel：另存为 → CSV UTF-8）
usage-kb-bad-files = {$path}：{$n} 个文件有误；未导入任何内容——请修正上面的文件，或使用 --skip-bad

# 邮件和接入。
usage-mail-no-mailbox-called = 没有名为“{$name}”的邮箱（已配置：{$known}）
usage-mail-no-mailbox = 未配置 [[mail.inbound]] 邮箱（config.example.toml 中有示例）
usage-mail-not-fetched = 未收取：{$mailboxes}（见上）
usage-mail-not-delivered = {$due} 封邮件中有 {$failed} 封未送达（见上；`desk mail outbox`）
usage-ingest-bad-record-after = {$place}：{$problem}（此前的 {$before} 条记录已接入；重新运行这批数据是安全的）
usage-ingest-skipped = 已跳过 {$n} 条有误的记录（见上面各行）

# 数据库、副本和中心库。
usage-demo-not-empty = {$path} 中已有 {$tickets} 张工单、{$customers} 位客户和 {$articles} 篇文章；如要用演示数据替换，请加 --force，或另选 --db
usage-replica-exists = {$path} 已存在；副本会创建在新文件中——请另选一个名称（如果那是不再需要其修改的旧副本，也可以删除该文件）
usage-check-not-a-replica = {$path} 不是副本；`--against` 用于比较副本与其中心库
usage-check-waiting = 有 {$differing} 行不同，同时有 {$waiting} 项修改等待同步；请运行 `desk sync` 后再检查
usage-hub-which = 哪个中心库？请给出其 URL（postgres://USER@HOST:PORT/DATABASE），或设置 DESK_HUB_URL 或 [hub] url
usage-hub-not-url = {$url} 不是 PostgreSQL URL；中心库的写法是 postgres://USER@HOST:PORT/DATABASE

# 备份和恢复。
usage-backup-exists = {$path} 已存在；如要替换，请加 --force，或另选一个名称
usage-backup-same-file = {$path} 就是正在复制的数据库；请选择另一个文件
usage-backup-other-database =
    {$source} 与 {$target} 属于不同的数据库：
    {"  "}备份：{$backup}
    {"  "}被替换：{$replacing}
    未做任何更改；如果确实要用另一个数据库替换它，请加 --force 重新恢复
# clap 自身的解析错误。英文输出保留 clap 的原文。
usage-clap-see-help = {$problem}；参见 `{$command} --help`
usage-clap-unknown-argument = 无法识别的参数 '{$arg}'
usage-clap-unknown-subcommand = 无法识别的子命令 '{$command}'
usage-clap-invalid-value-allowed = '{$arg}' 的值 '{$value}' 无效；可选值：{$allowed}
usage-clap-invalid-value = '{$arg}' 的值 '{$value}' 无效
usage-clap-invalid-value-because = '{$arg}' 的值 '{$value}' 无效：{$reason}
usage-clap-missing = 缺少必需的参数：{$args}
usage-clap-conflict = 参数 '{$arg}' 不能与 '{$prior}' 同时使用
usage-clap-did-you-mean = {$problem}（是否想用 '{$suggestion}'？）
usage-not-a-row-count = `{$value}` 不是行数（应为 0 或更大的整数）
usage-not-a-locale = `{$value}` 不是 en、zh-CN、zh-TW 之一
usage-demo-traditional = 演示数据的中文是简体字；演示请用 zh-CN（或 en），界面可设 ui.locale = "zh-TW"
usage-demo-locale = `{$value}` 不是 en、zh-CN 之一
