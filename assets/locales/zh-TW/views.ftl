# 工單佇列的內建檢視（工單清單），顯示在側欄與清單標題中。它們在設定與檢視語言中的名稱仍為英文（my-open、at-risk …）。
# 側欄很窄：最多約 13 格（一個中文字佔兩格）。
views-title = 檢視
views-title-my-open = 我的待處理
views-title-unassigned = 未指派
views-title-all-open = 全部未結
views-title-all = 全部工單
views-title-pending = 待客戶回覆
views-title-recently-solved = 最近解決
views-title-vip = VIP
views-title-at-risk = 逾時預警
views-title-follow-ups = 待回訪
