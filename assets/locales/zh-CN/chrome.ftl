# 面板外框：标签栏右侧和徽标、状态栏的提示，以及所有列表和滚动视图的通用文字。
chrome-too-small = 请把终端放大到至少 { $width }×{ $height }
chrome-too-small-now = （当前 { $width }×{ $height }）
chrome-no-agent = 未登录客服
# 在客服和数据库之后：数据库由多个 desk 共用。
chrome-shared = 共享
# 标签栏上的徽标，附带查看它们的按键。
chrome-escalated = !{ $n } 个升级 (!)
chrome-new-tickets = +{ $n } 个新工单 (1)
chrome-mail-busy = 邮件…
chrome-mail-failed = 邮件失败
chrome-mail-failed-short = 邮件!
chrome-store-waiting = 正在等待另一个 desk 的写入…
# 列表和滚动视图。$what 为行的类型（工单、客户）；每行一句。
chrome-loading = 加载中…
chrome-none-match =
    没有符合“{ $filter }”的{ $what }。
    按 Esc 清除筛选。
chrome-scrolled = { $title } · 第 { $first }–{ $last } 行，共 { $total } 行
# 提示。
chrome-reloaded = 已重新加载
chrome-filter-error = 筛选：{ $error }
chrome-merged-into = #{ $number } 已合并到 #{ $target }：显示 #{ $target }
chrome-renumbered = #{ $was } 现为 #{ $now }：显示 #{ $now }
chrome-no-ticket = 没有工单 #{ $number }
# 在没有列表的面板按 /，以及在此面板无作用的按键。
chrome-no-filter-ticket = 工单面板没有可筛选的列表
chrome-no-filter-dashboard = 仪表盘没有可筛选的列表
chrome-not-bound = { $key } 在此处没有功能 — 按 ? 查看按键
