# 在 $EDITOR 中編輯的客戶檔案表單：`欄位: 值` 各佔一列。欄位名稱與取值（tier、gender、channel …）維持英文，desk
# 會依英文讀回；這裡是它們上方的註解列（在編輯器裡每列以 # 開頭）。
profile-help-lines = 每列一個欄位。以 # 開頭的列會被忽略；`-` 清除該欄位。
profile-help-tier = tier：auto（依訂單自動計算）或 diamond、gold、silver、bronze（固定等級）。birthday：YYYY-MM-DD 或 MM-DD。
profile-help-gender = gender：female、male、other、unspecified。contact_channel：phone、email、web、chat、wechat、weibo、on_site。
profile-help-time = contact_time：日期與時段，例如 `weekdays 18:00-21:00`、`weekends 09:00-12:00` 或 `18:00-21:00`。
# desk 退回未儲存表單時加入的註解標記（後接原因）。
profile-not-saved = desk：未儲存：
# 表單某一列無法儲存的原因。
profile-not-a-field = 第 { $line } 列：請寫成 `欄位: 值`
profile-line-problem = 第 { $line } 列：{ $problem }
