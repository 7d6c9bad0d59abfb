# 工单列表的列标题。编号、优先级和时限列很窄，请保持简短。
queues-column-number = #
queues-column-priority = 级
queues-column-status = 状态
queues-column-due = 时限
queues-column-subject = 主题
queues-column-customer = 客户
queues-column-assignee = 处理人
queues-column-updated = 更新
# 视图标题之后：输入的筛选条件（视图语言）和已标记的工单数。
queues-title-filter = 筛选“{ $filter }”
queues-title-marked = 已标记 { $n } 个
queues-loading = 加载中…
# 列表为空时，每行一句；命令保持原样。
queues-no-tickets-yet =
    此数据库还没有工单。
    {""}
    试试演示：  desk --demo
    或创建演示数据：  desk demo --db PATH
queues-none-match =
    “{ $view }”中没有符合“{ $filter }”的工单。
    按 Esc 清除筛选。
queues-none-in-view =
    “{ $view }”中没有工单。
    按 J / K 切换视图。
# 在队列中有已标记工单时按 Esc：标记已清除。
queues-marks-cleared = 已清除标记
