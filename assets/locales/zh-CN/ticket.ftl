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
