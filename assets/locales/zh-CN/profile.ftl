# 在 $EDITOR 中编辑的客户档案表单：`字段: 值` 各占一行。字段名和取值（tier、gender、channel …）保持英文，desk
# 会按英文读回；这里是它们上方的注释行（在编辑器里每行以 # 开头）。
profile-help-lines = 每行一个字段。以 # 开头的行会被忽略；`-` 清空该字段。
profile-help-tier = tier：auto（按订单自动计算）或 diamond、gold、silver、bronze（固定等级）。birthday：YYYY-MM-DD 或 MM-DD。
profile-help-gender = gender：female、male、other、unspecified。contact_channel：phone、email、web、chat、wechat、weibo、on_site。
profile-help-time = contact_time：日期和时段，例如 `weekdays 18:00-21:00`、`weekends 09:00-12:00` 或 `18:00-21:00`。
# desk 退回未保存表单时添加的注释标记（后接原因）。
profile-not-saved = desk：未保存：
# 表单某一行无法保存的原因。
profile-not-a-field = 第 { $line } 行：请写成 `字段: 值`
profile-line-problem = 第 { $line } 行：{ $problem }
