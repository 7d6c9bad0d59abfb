# 工單欄位的顯示名稱（儲存、命令列的機器格式和檢視語言仍用英文）。
ticket-status-new = 新建
ticket-status-open = 處理中
ticket-status-pending = 等待客戶
ticket-status-on-hold = 掛起
ticket-status-solved = 已解決
ticket-status-closed = 已關閉
ticket-status-merged = 已合併
# 紅黃綠藍四色優先級；介面總在旁邊顯示字母（U H N L）。
ticket-priority-urgent = 紅
ticket-priority-high = 黃
ticket-priority-normal = 綠
ticket-priority-low = 藍
# 選擇清單中，附上級別。
ticket-priority-urgent-with-colour = 紅（緊急）
ticket-priority-high-with-colour = 黃（高）
ticket-priority-normal-with-colour = 綠（普通）
ticket-priority-low-with-colour = 藍（低）
