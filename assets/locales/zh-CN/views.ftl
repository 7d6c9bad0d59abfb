# 工单队列的内置视图（工单列表），显示在侧栏和列表标题中。它们在配置和视图语言中的名称仍为英文（my-open、at-risk …）。
# 侧栏很窄：最多约 13 格（一个汉字占两格）。
views-title = 视图
views-title-my-open = 我的待处理
views-title-unassigned = 未分配
views-title-all-open = 全部未结
views-title-all = 全部工单
views-title-pending = 待客户回复
views-title-recently-solved = 最近解决
views-title-vip = VIP
views-title-at-risk = 超时预警
views-title-follow-ups = 待回访
