# 命令面板（`:`）：標題、輸入的工單編號，以及只在別處可用的命令。
palette-title = 命令
palette-go-to-ticket = 前往工單 #{ $number }
palette-no-match = 沒有符合的命令
palette-works-in = { $command } 在「{ $context }」中可用（{ $keys }）
