# 工單上的閉環表單：客訴的下一階段（E）與回訪電話（F）。
# 欄位名稱：最多 13 個字元寬（一個中文字佔 2 個）。
loopform-category = 客訴類別
loopform-severity = 嚴重程度
loopform-responsible = 負責人
loopform-root-cause = 根本原因
loopform-resolution = 處理結果
loopform-outcome = 回訪結果
loopform-call-note = 通話備註
# 表單標題。
loopform-complaint-title = 客訴 #{ $number } → { $stage }
loopform-solves = 同時解決工單
loopform-follow-up-title = 回訪 · #{ $number }
# 欄位空白時。
loopform-needed = 「{ $stage }」需要填寫{ $field }
# 客訴處理流程的階段、嚴重程度，以及回訪結果。
loopform-stage-received = 受理
loopform-stage-registered = 登記
loopform-stage-investigating = 調查
loopform-stage-resolved = 處理
loopform-stage-revisited = 回訪
loopform-severity-minor = 一般
loopform-severity-major = 嚴重
loopform-severity-critical = 重大
loopform-outcome-confirmed = 確認已解決
loopform-outcome-not-solved = 未解決，重新開啟
# 表單無法開啟的原因。
loopform-not-a-complaint = #{ $number } 不是客訴工單（K 變更類型）
loopform-already-revisited = #{ $number }：此客訴已回訪
loopform-solve-first = #{ $number } 目前為「{ $status }」：請先解決（s → 已解決）
loopform-revisit-is-call = #{ $number }：回訪階段即回訪電話，按 F 記錄
loopform-call-after-solved = #{ $number } 目前為「{ $status }」：工單解決後才能回訪（s → 已解決）
# 讀過回訪話術時的通話備註。
loopform-script-read = 已依回訪話術「{ $name }」溝通。
# 表單的按鍵，以及旁邊的回訪話術。
loopform-keys = { $next } 下一項 · ←/→ 選擇 · { $submit } 記錄 · { $cancel } 取消
loopform-script = 回訪話術 · { $name }
