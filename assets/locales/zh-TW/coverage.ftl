# 產品的維修是否在保固範圍內，以及原因。$until 為日期（2026-06-30）；$term 為 coverage-default-term 或空；$cause 為故障原因。
coverage-no-product = 工單沒有關聯產品；請設定 product= 後再判斷
coverage-no-dates = 此產品既沒有購買日期也沒有保固日期
coverage-default-term = （依購買日期起算的預設保固期）
coverage-ended = 保固已於 {$until} 到期{$term}
coverage-excluded = {$cause}不在保固範圍內（保固至 {$until}）
coverage-covered = 保固期至 {$until}{$term}
coverage-covered-provisional = 保固期至 {$until}{$term}，除非工程師查明屬於不保固的原因
coverage-cause-unknown = 原因不明
coverage-cause-fault = 正常使用下的故障
coverage-cause-user-damage = 人為損壞
coverage-cause-unauthorized-repair = 私自拆修
coverage-cause-consumable = 耗材
