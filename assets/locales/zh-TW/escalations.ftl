# 內建 SLA 升級規則寫在工單上的內部備註（assets/default-sla.toml，依規則名稱）。團隊在設定中自訂的備註照原樣寫入。
escalations-note-vip-at-risk = VIP 工單 SLA 即將逾時，請優先處理。
escalations-note-breached = SLA 已逾時：優先級已調高一級。
