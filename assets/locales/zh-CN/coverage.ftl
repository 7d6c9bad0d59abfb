# 产品的维修是否在保修范围内，以及原因。$until 为日期（2026-06-30）；$term 为 coverage-default-term 或空；$cause 为故障原因。
coverage-no-product = 工单没有关联产品；请设置 product= 后再判断
coverage-no-dates = 该产品既没有购买日期也没有保修日期
coverage-default-term = （按购买日期起算的默认保修期）
coverage-ended = 保修已于 {$until} 到期{$term}
coverage-excluded = {$cause}不在保修范围内（保修至 {$until}）
coverage-covered = 保修期至 {$until}{$term}
coverage-covered-provisional = 保修期至 {$until}{$term}，除非工程师查明属于不保修的原因
coverage-cause-unknown = 原因未明
coverage-cause-fault = 正常使用中的故障
coverage-cause-user-damage = 人为损坏
coverage-cause-unauthorized-repair = 私自拆修
coverage-cause-consumable = 易耗件
