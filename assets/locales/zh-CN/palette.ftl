# 命令面板（`:`）：标题、输入的工单编号，以及只在别处可用的命令。
palette-title = 命令
palette-go-to-ticket = 转到工单 #{ $number }
palette-no-match = 没有匹配的命令
palette-works-in = { $command } 在“{ $context }”中可用（{ $keys }）
