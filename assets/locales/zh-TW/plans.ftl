# 改善措施面板（PDCA）：措施清單，以及單一措施的欄位和修改紀錄。
plans-title = 改善措施（PDCA）{ $position }
plans-what = 措施
plans-empty = 還沒有改善措施。可從報告的建議建立：desk plan add --from-suggestion N（見 desk report）。
plans-legend = 目前：近 30 天 · ✓ 已達目標 · + 改善 · ! 比之前差
# 清單的欄位標題；階段欄寬 5 格。
plans-column-action = 措施
plans-column-indicator = 指標
plans-column-owner = 負責人
plans-column-due = 剩餘
plans-column-stage = 階段
plans-column-values = 基準 → 目前 → 目標
# PDCA 階段：清單用簡稱，詳情用全稱。
plans-stage-plan = 計畫
plans-stage-do = 執行
plans-stage-check = 檢查
plans-stage-act = 處置
plans-stage-plan-long = 計畫（P）
plans-stage-do-long = 執行（D）
plans-stage-check-long = 檢查（C）
plans-stage-act-long = 處置（A）
# 目前值的比較。
plans-measuring = 量測中
plans-target-reached = 已達目標
plans-better = 優於基準
plans-worse = 差於基準
plans-unchanged = 無變化
plans-not-measured = 未量測
# 詳情的標籤：連同後面的空格最多 10 格。
plans-label-stage = 階段
plans-label-owner = 負責人
plans-label-due = 期限
plans-label-indicator = 指標
plans-label-values = 數值
plans-label-from = 來源
plans-label-made = 建立於
plans-label-note = 備註
plans-moves-to = { $stage }（可轉到 { $next }）
plans-or = 或
plans-overdue = 已逾期 { $span }
plans-due-in = 還剩 { $span }
plans-values = 基準 { $baseline } · 目前 { $now } · 目標 { $target } — { $words }
plans-from-suggestion = 報告建議 `{ $rule }`
plans-history = 修改紀錄（最新在前）
plans-loading = 載入中…
plans-no-changes = 沒有修改紀錄。
plans-not-moved = P{ $number } 未能轉移：{ $error }
