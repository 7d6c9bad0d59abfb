# 团队模式：多名客服共用一个数据库。编辑冲突或回复被抢先时要做的选择，以及他人操作的提示。
team-changed = 你在决定时 #{ $number } 已被更改
team-nothing-written = 你的内容都没有写入。后面的工单显示的是它现在的样子。
team-not-sent = #{ $number }：你的回复尚未发送
team-new-since = 你开始撰写后工单上的新消息：
# 新消息的作者：姓名 · 身份 · 时间。
team-role-customer = 客户
team-role-agent = 客服
# 弹窗标题和返回的按键（Esc）。
team-backs-out = { $title } — { $esc } 返回
team-change-discarded = #{ $number }：你的更改已放弃
team-reply-discarded = #{ $number }：你的回复已放弃
team-updated-by = #{ $number } 刚被 { $who } 更新
# g a：客服的在岗状态（自动分配只把工单分给在岗的客服）。
team-no-agent = 此数据库没有登录的客服
team-you-are = 你现在的状态：{ $state }
team-availability-on-duty = 在岗
team-availability-away = 暂离
team-availability-off = 下班
