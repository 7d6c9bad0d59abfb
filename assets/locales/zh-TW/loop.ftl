# 服務閉環與 SLA 的顯示：工單的客訴與閉環列、滿意度調查表單，以及升級清單。
loop-complaint = 客訴
# 客訴目前所處的階段，接在編號（1/5 …）之後。
loop-complaint-stage-received = 受理
loop-complaint-stage-registered = 登記
loop-complaint-stage-investigating = 調查
loop-complaint-stage-resolved = 處理
loop-complaint-stage-revisited = 回訪
# 按 E 推進到的下一個階段：(E → 調查)。
loop-complaint-next-registered = 登記
loop-complaint-next-investigating = 調查
loop-complaint-next-resolved = 處理
loop-complaint-next-revisited = 回訪
loop-name = 閉環
# 閉環的各階段，前面是 [x] 或 [ ]。
loop-stage-solved = 已解決
loop-stage-followed-up = 已回訪
loop-stage-surveyed = 已評價
loop-follow-up-due = 回訪期限 { $when }
# 滿意度調查表單。評分名稱後面接著分數範圍（CSAT 滿意度 1–5）。
loop-survey-title = 滿意度調查 · #{ $number }
loop-scale-csat = CSAT 滿意度
loop-scale-nps = NPS 推薦度
loop-scale-ces = CES 費力度
# 評分旁顯示的意義。
loop-score-satisfied = 滿意
loop-score-not-satisfied = 不滿意
loop-score-promoter = 推薦者
loop-score-passive = 被動者
loop-score-detractor = 批評者
loop-score-low-effort = 省力
loop-score-high-effort = 費力
loop-questionnaire = 問卷 · 每題 1–5
loop-item-very-satisfied = 非常滿意
loop-item-satisfied = 滿意
loop-item-neutral = 普通
loop-item-dissatisfied = 不滿意
loop-item-very-dissatisfied = 非常不滿意
loop-comment = 評論
loop-survey-hint = 數字鍵評分 · { $next } 下一題 · { $save } 儲存 · { $skip } 略過
# 自客服上次查看以來升級的工單。
loop-escalations-title = 自上次查看以來的升級 · { $n }
loop-escalations-none = 自你上次查看以來沒有升級的工單。
loop-escalations-hint = { $open } 開啟工單 · { $close } 關閉（標為已讀）
loop-escalation-state-breached = 已逾時
loop-escalation-state-at-risk = 即將逾時
loop-sla-target-first-response = 首次回應
loop-sla-target-first-solution = 首次解決
loop-sla-target-next-reply = 下次回覆
loop-sla-target-resolution = 解決
