# 品檢面板（g q）：抽檢的工單佇列或對你工作的評核，以及評分表單。
qa-title = 品質檢查 · { $tabs }
# 標題中的兩個分頁；目前顯示的一個在方括號中。
qa-tabs-queue = [品檢佇列 { $queue }] · 我的 { $mine }
qa-tabs-mine = 品檢佇列 { $queue } · [我的 { $mine }]
qa-loading = 載入中…
qa-queue-empty-lead = 沒有待評核的工單。按 s 抽檢上週已解決的工單：所有客訴與低分工單，每位客服人員再隨機抽幾張。
qa-queue-empty = 沒有待評核的工單。組長負責抽檢與評分；按 Tab 查看對你工作的評核。
qa-mine-empty = 你的工作還沒有評核。
# 工單被抽檢的原因：9 格寬的欄。
qa-reason-random = 隨機
qa-reason-complaint = 客訴
qa-reason-low-score = 低分
qa-reason-manual = 手動
# 選取評核的工單下方：分數（87/100）與評核人。
qa-review-by = { $score } · 評核人 { $reviewer }
qa-hint-lead = { $enter } 評分 · { $sample } 抽檢上週 · { $tab } 佇列 / 我的 · { $close } 關閉
qa-hint = { $tab } 佇列 / 我的 · { $close } 關閉
# 評分表單。
qa-form-title = 品檢評核 · #{ $ticket } · { $agent } · { $subject }
qa-critical = 關鍵項
qa-fails-review = 評核不合格
qa-comment = 評語
qa-form-hint = 數字鍵評分 · { $next } 下一項 · { $record } 儲存 · { $cancel } 取消
# 提示。
qa-needs-lead = { $what }需要組長角色；請洽組長或管理員
qa-what-sample = 抽檢工單
qa-what-score = 為工單評分
qa-sampled = { $week }：已將 { $n } 張工單抽入品檢佇列
qa-not-sampled = 未能抽檢：{ $error }
qa-scored = 工單 #{ $ticket } 的品檢評核：{ $total }/100
qa-scored-failed = 工單 #{ $ticket } 的品檢評核：{ $total }/100 — 關鍵項不合格
qa-not-scored = 未能評分：{ $error }
