# 客户画像的依据：等级的依据、生命周期阶段的依据、流失预警信号。$tier、$from 为等级名称；$span 为天数或年数。
crm-rfm = RFM {$r}·{$f}·{$m} = {$total}
crm-tier-pinned = 手动设定，不自动调整
crm-tier-no-orders = 尚无订单
crm-tier-below = {$rfm}，低于{$tier}所需的 {$min}
crm-tier-holds = {$rfm} ≥ {$threshold}，保持{$tier}
crm-tier-up = {$rfm}：由{$from}升级
crm-tier-kept = {$rfm}：保留{$tier}（低于 {$floor} 才降级）
crm-tier-down = {$rfm}：由{$from}降级
crm-span-days = {$n} 天
crm-span-years = {$n} 年
crm-orders = { $count ->
   *[other] {$shown} 单
}
crm-stage-no-orders = 尚无订单
crm-stage-idle = {$span}没有下单或联系
crm-stage-risk-high = 流失风险高（{$score}）
crm-stage-first-order = 首单于 {$span}前
crm-stage-orders-over = 历时 {$span}，共 {$orders}
crm-stage-orders-in = {$span}内 {$orders}
crm-signal-inactive = {$days} 天没有下单或联系
crm-signal-low-csat = 最近一次满意度 {$score}/5
crm-signal-detractor = NPS 贬损者（{$score}/10）
crm-signal-contact-drop = 联系次数由 {$previous} 降到 {$recent}
crm-signal-open-complaint = { $count ->
   *[other] {$shown} 个未结投诉
}
crm-signal-weighted = {$signal}（+{$weight}）
# 系统为客户关怀和挽回任务写的备注；$day 为日期（12月3日）。
crm-note-birthday = 生日 {$day}
crm-note-anniversary = { $years ->
   *[other] 成为客户 {$shown} 周年 {$day}
}
# 挽回任务备注中各信号之间。
crm-note-separator = ；
