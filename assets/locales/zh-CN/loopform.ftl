# 工单上的闭环表单：投诉的下一阶段（E）和回访电话（F）。
# 字段名：最多 13 个字符宽（一个汉字占 2 个）。
loopform-category = 投诉类别
loopform-severity = 严重程度
loopform-responsible = 责任人
loopform-root-cause = 根本原因
loopform-resolution = 处理结果
loopform-outcome = 回访结果
loopform-call-note = 通话备注
# 表单标题。
loopform-complaint-title = 投诉 #{ $number } → { $stage }
loopform-solves = 同时解决工单
loopform-follow-up-title = 回访 · #{ $number }
# 字段为空时。
loopform-needed = “{ $stage }”需要填写{ $field }
# 投诉处理流程的阶段、严重程度，以及回访结果。
loopform-stage-received = 接收
loopform-stage-registered = 登记
loopform-stage-investigating = 调查
loopform-stage-resolved = 处理
loopform-stage-revisited = 回访
loopform-severity-minor = 一般
loopform-severity-major = 严重
loopform-severity-critical = 重大
loopform-outcome-confirmed = 确认已解决
loopform-outcome-not-solved = 未解决，重新打开
# 表单无法打开的原因。
loopform-not-a-complaint = #{ $number } 不是投诉工单（K 更改类型）
loopform-already-revisited = #{ $number }：该投诉已回访
loopform-solve-first = #{ $number } 当前为“{ $status }”：请先解决（s → 已解决）
loopform-revisit-is-call = #{ $number }：回访阶段即回访电话，按 F 记录
loopform-call-after-solved = #{ $number } 当前为“{ $status }”：工单解决后才能回访（s → 已解决）
# 读过回访话术时的通话备注。
loopform-script-read = 已按回访话术“{ $name }”沟通。
# 表单的按键，以及旁边的回访话术。
loopform-keys = { $next } 下一项 · ←/→ 选择 · { $submit } 记录 · { $cancel } 取消
loopform-script = 回访话术 · { $name }
