# 工單清單的欄標題。編號、優先級和時限欄很窄，請保持簡短。
queues-column-number = #
queues-column-priority = 級
queues-column-status = 狀態
queues-column-due = 時限
queues-column-subject = 主旨
queues-column-customer = 客戶
queues-column-assignee = 處理人
queues-column-updated = 更新
# 檢視標題之後：輸入的篩選條件（檢視語言）與已標記的工單數。
queues-title-filter = 篩選「{ $filter }」
queues-title-marked = 已標記 { $n } 張
queues-loading = 載入中…
# 清單為空時，每行一句；指令保持原樣。
queues-no-tickets-yet =
    此資料庫還沒有工單。
    {""}
    試試示範：  desk --demo
    或建立示範資料：  desk demo --db PATH
queues-none-match =
    「{ $view }」中沒有符合「{ $filter }」的工單。
    按 Esc 清除篩選。
queues-none-in-view =
    「{ $view }」中沒有工單。
    按 J / K 切換檢視。
# 在佇列中有已標記工單時按 Esc：標記已清除。
queues-marks-cleared = 已清除標記
