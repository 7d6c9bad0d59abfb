# 工單清單的欄標題。編號、優先級和時限欄很窄，請保持簡短。
queues-column-number = #
queues-column-priority = 級
queues-column-status = 狀態
queues-column-due = 時限
queues-column-subject = 主旨
queues-column-customer = 客戶
queues-column-assignee = 處理人
queues-column-updated = 更新
