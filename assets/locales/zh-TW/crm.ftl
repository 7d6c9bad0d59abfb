# 客戶輪廓的依據：等級的依據、生命週期階段的依據、流失預警訊號。$tier、$from 為等級名稱；$span 為天數或年數。
crm-rfm = RFM {$r}·{$f}·{$m} = {$total}
crm-tier-pinned = 手動設定，不自動調整
crm-tier-no-orders = 尚無訂單
crm-tier-below = {$rfm}，低於{$tier}所需的 {$min}
crm-tier-holds = {$rfm} ≥ {$threshold}，維持{$tier}
crm-tier-up = {$rfm}：由{$from}升級
crm-tier-kept = {$rfm}：保留{$tier}（低於 {$floor} 才降級）
crm-tier-down = {$rfm}：由{$from}降級
crm-span-days = {$n} 天
crm-span-years = {$n} 年
crm-orders = { $count ->
   *[other] {$shown} 筆訂單
}
crm-stage-no-orders = 尚無訂單
crm-stage-idle = {$span}沒有下單或聯絡
crm-stage-risk-high = 流失風險高（{$score}）
crm-stage-first-order = 首筆訂單於 {$span}前
crm-stage-orders-over = 歷時 {$span}，共 {$orders}
crm-stage-orders-in = {$span}內 {$orders}
crm-signal-inactive = {$days} 天沒有下單或聯絡
crm-signal-low-csat = 最近一次滿意度 {$score}/5
crm-signal-detractor = NPS 批評者（{$score}/10）
crm-signal-contact-drop = 聯絡次數由 {$previous} 降到 {$recent}
crm-signal-open-complaint = { $count ->
   *[other] {$shown} 件未結客訴
}
crm-signal-weighted = {$signal}（+{$weight}）
# 系統為客戶關懷和挽回任務寫的備註；$day 為日期（12月3日）。
crm-note-birthday = 生日 {$day}
crm-note-anniversary = { $years ->
   *[other] 成為客戶 {$shown} 週年 {$day}
}
# 挽回任務備註中各訊號之間。
crm-note-separator = ；
