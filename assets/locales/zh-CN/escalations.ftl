# 内置 SLA 升级规则写在工单上的内部备注（assets/default-sla.toml，按规则名）。团队在配置中自己写的备注原样写入。
escalations-note-vip-at-risk = VIP 工单 SLA 即将超时，请优先处理。
escalations-note-breached = SLA 已超时：优先级已上调一级。
