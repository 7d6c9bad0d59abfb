# 工单列表的列标题。编号、优先级和时限列很窄，请保持简短。
queues-column-number = #
queues-column-priority = 级
queues-column-status = 状态
queues-column-due = 时限
queues-column-subject = 主题
queues-column-customer = 客户
queues-column-assignee = 处理人
queues-column-updated = 更新
