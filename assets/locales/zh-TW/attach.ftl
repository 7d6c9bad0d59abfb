# 開啟工單附件（o）：選擇器，以及檔案的處理結果。
attach-none = #{ $number } 沒有附件
attach-pick = 開啟 #{ $number } 的附件
attach-gone = 該附件已不存在（已重新載入）
attach-opened = 已開啟 { $name }（儲存於 { $path }）
attach-kept = 已儲存至 { $path } — 未開啟：{ $why }；請確認可信後再自行開啟
attach-opener-failed = 已儲存至 { $path } — `{ $opener }` 無法開啟（{ $reason }）；請手動開啟，或設定 $DESK_OPENER
attach-not-saved = 無法儲存 { $name } 以開啟：{ $reason }
# 對話中訊息下方的附件：檔名與大小。
attach-line = [附件] { $name } · { $size }
