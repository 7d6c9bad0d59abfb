# 命令行所说的存储错误。英文必须与错误本身的文字一致；中文说同样的事：出了什么错、在哪里、该怎么做。
# 命令、参数和路径保持原样。
errors-missing-directory = 数据库目录 { $dir } 不存在；请先创建它，或用 --db 指定一个已存在目录中的路径
errors-is-directory = { $path } 是一个目录，不是数据库文件；请用 --db 指定其中的文件，例如 { $path }/desk.db
errors-permission = 没有 { $path } 的权限：{ $need }；请向文件所有者或管理员申请该权限（团队通过用户组共享：对文件 `chmod g+rw`，对其目录 `g+rwx`）— 数据库本身没有损坏
errors-missing-database = { $path } 处没有数据库；运行 `desk init --db { $path }` 新建一个，或运行 `desk demo --db { $path }` 生成演示数据
errors-not-a-database = { $path } 不是 desk 数据库或已损坏（{ $detail }）；文件未被改动 — 请从备份恢复，或用 --db 指向别的文件
errors-newer-schema = { $path } 的数据库结构版本是 { $found }，比这个 desk 能理解的（{ $known }）更新；文件未被改动 — 请升级 desk 后再打开
errors-busy = { $path } 被另一个程序锁定，一直处于忙碌状态；请重试，或查看是谁占用了它
errors-wal-on-share = { $path } 处于 WAL 模式，它需要同一台主机上的共享内存，放在网络共享上会损坏，所以共享模式不会打开它；文件未被改动 — 在没有其他人打开它时，运行 `desk convert --shared --db { $path }`，然后再打开
errors-in-use = { $path } 正在被另一个 desk 或程序使用，所以其日志模式没有更改；请让所有人关闭其上的 desk（并暂停使用它的定时任务），然后再次运行 `desk convert --{ $to } --db { $path }`
errors-conflict = { $entity } { $id } 在你读取后已被更改（版本 { $expected }，现在是 { $found }）；请重新加载后再操作
errors-bad-value = { $entity } { $id }：{ $field } 的值 `{ $value }` 不是已知的 { $field }；用 `{ $fix }` 修正
errors-not-found = 找不到{ $entity } { $id }
errors-unknown-field = `{ $field }` 不是{ $entity }可以更改的字段
errors-io = { $path }：{ $source }；请检查该目录的剩余空间和权限
errors-disk-full = 磁盘已满：desk 无法写入 { $place }{ $left }；请释放一些空间后再运行 — 此次更改已回滚，数据库没有损坏
errors-disk-left = （其文件系统剩余 { $megabytes } MB）
errors-the-database = 数据库
# 角色检查拒绝的操作：做什么、谁请求的、需要的角色（agent、lead、admin：`desk agent set-role` 所用的词）。
errors-denied = { $act }需要 { $need } 角色（{ $who }）；请让{ $ask }来做，或运行 `desk agent set-role { $handle } { $need }`
errors-who-has-role = { $handle } 的角色是 { $role }
errors-who-unregistered = { $handle } 不是已登记的客服
errors-ask-admin = 管理员
errors-ask-lead = 组长或管理员
errors-act-manage-agents = 管理客服和角色
errors-act-manage-groups = 创建、重命名和安排小组成员
errors-act-reassign-others = 改派其他客服的工单
errors-act-publish-article = 发布知识库文章
errors-act-export-personal-data = 导出未打码的邮箱和电话
errors-act-replace-database = 用备份替换数据库
errors-act-convert-database = 切换数据库的日志模式
errors-act-review-quality = 抽检并评分质检工单
# 存储所称的对象名。
errors-entity-ticket = 工单
errors-entity-customer = 客户
errors-entity-article = 文章
errors-entity-agent = 客服
errors-entity-group = 小组
errors-entity-part = 备件
errors-entity-return = 退换货
errors-entity-visit = 上门服务
errors-entity-organization = 企业
errors-entity-task = 任务
# 命令行自己的"找不到"。
errors-no-ticket = 没有工单 #{ $number }
errors-no-customer = 没有 id 或邮箱为 `{ $key }` 的客户
errors-no-article = 没有文章 `{ $key }`
errors-no-plan = 没有改进措施 P{ $number }
errors-no-attachment = 没有附件 { $id }（附件 id 见 `desk attachment list N`）
errors-not-in-qa-queue = #{ $number } 不在质检队列中；组长可以用 `desk qa sample --ticket { $number }` 把它放进去
# 界面的读取等到了超时，另一个 desk 仍在写入。
errors-busy-waited = 另一个 desk 的写入占用数据库的时间超过了 desk 的等待时间；没有做任何更改——请重试
