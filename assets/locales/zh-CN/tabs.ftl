# 标签栏：每个面板一个标签。全名放不下时用简称。
tabs-queues = 工单队列
tabs-ticket = 工单
tabs-customers = 客户
tabs-kb = 知识库
tabs-kb-short = 知识库
tabs-dashboard = 仪表盘
tabs-dashboard-short = 看板
