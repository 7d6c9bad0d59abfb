# 打开工单附件（o）：选择器，以及文件的处理结果。
attach-none = #{ $number } 没有附件
attach-pick = 打开 #{ $number } 的附件
attach-gone = 该附件已不存在（已重新加载）
attach-opened = 已打开 { $name }（保存在 { $path }）
attach-kept = 已保存到 { $path } — 未打开：{ $why }；请确认可信后再自行打开
attach-opener-failed = 已保存到 { $path } — `{ $opener }` 无法打开（{ $reason }）；请手动打开，或设置 $DESK_OPENER
attach-not-saved = 无法保存 { $name } 以打开：{ $reason }
# 对话中消息下方的附件：文件名和大小。
attach-line = [附件] { $name } · { $size }
