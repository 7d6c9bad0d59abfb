# 在工單佇列中批次操作：標記的工單（空白鍵標記，V 標記範圍）批次變更狀態、優先級、負責人或傳送巨集。
bulk-range-started = 已開始選取範圍：移動游標，再按 V 標記
bulk-marked = 已標記 { $n } 張工單
# 選擇器標題中的操作對象：多張工單（單張時顯示工單編號）。
bulk-tickets = { $n } 張工單
bulk-status-of = { $what } 的狀態
bulk-priority-of = { $what } 的優先級
bulk-assign = 指派 { $what }
bulk-macro-for = 對 { $what } 傳送巨集（直接送出，不開啟編輯器）
# 巨集寄給所有標記的工單之前的確認。
bulk-send-to-all = 要對所有標記的工單送出此回覆嗎？
bulk-macro-goes-to = 「{ $name }」將寄給 { $n } 位客戶：{ $list }
bulk-and-more = 等另外 { $more } 位
bulk-each-also = 每張工單還會：{ $changes }
# 完成：變更了多少張工單，以及第一個被拒絕的原因。
bulk-changed = 已變更 { $done } 張工單
bulk-changed-refused = 已變更 { $done } 張工單；{ $refused } 張被拒絕 — #{ $number }：{ $why }
