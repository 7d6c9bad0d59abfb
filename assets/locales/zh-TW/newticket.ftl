# 新增工單表單。欄位名稱所在欄寬 9 個字元（一個中文字佔 2 個），請保持簡短。
newticket-field-customer = 客戶
newticket-field-subject = 主旨
newticket-field-kind = 類型
newticket-field-channel = 管道
newticket-field-priority = 優先級
newticket-field-product = 產品
newticket-title = 新增工單 — { $cancel } 取消
newticket-keys = { $next }：下一項 · { $prev }/{ $following }：切換 · { $enter }：選定客戶，然後填寫內容
newticket-picked = { $name }（已選定）
newticket-new-customer = + 新增客戶「{ $name }」{ $email }
newticket-new-customer-picked = { $name }（新客戶）
newticket-pick-first = （請先選定客戶）
newticket-product-none = 無
newticket-products = < { $product } >（名下 { $n } 件產品）
# 提示訊息。
newticket-type-first = 請先輸入客戶的姓名、電子郵件或電話
newticket-pick-customer = 新增工單：請選定客戶——輸入姓名、電子郵件或電話，然後在相符項目上按 Enter
newticket-subject-empty = 新增工單：主旨空白
newticket-failed = 新增工單失敗：{ $error }
newticket-created = 已建立 #{ $number }
# 編輯器中第一則訊息下方的註解列（每列以 # 開頭，儲存時移除）。
newticket-editor-head = 為 { $customer } 新增工單 — { $subject }
newticket-editor-help = 請填寫客戶反映的問題。以 # 開頭的列會被移除。
