# 標籤列：每個面板一個標籤。全名放不下時用簡稱。
tabs-queues = 工單佇列
tabs-ticket = 工單
tabs-customers = 客戶
tabs-kb = 知識庫
tabs-kb-short = 知識庫
tabs-dashboard = 儀表板
tabs-dashboard-short = 看板
