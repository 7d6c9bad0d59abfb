# 在開啟的工單上撰寫：編輯器中回覆或備註下方的註解列（在編輯器裡每列以 # 開頭，儲存時會被移除）、巨集選擇器，以及
# 沒有送出任何內容時的提示。
compose-footer-reply = 回覆 #{ $number } — { $subject }
compose-footer-note = 內部備註 #{ $number } — { $subject }
compose-footer-help = 以 # 開頭的列會被移除。儲存空白內容即可取消。
compose-footer-customer-wrote = 客戶原文：
compose-footer-macro = 巨集「{ $name }」用於 #{ $number }。以 # 開頭的列會被移除；內容空白則取消。
compose-footer-macro-sets = 送出時還會：{ $changes }
compose-empty-not-sent = 內容空白：未送出任何內容
compose-empty-not-created = 內容空白：未建立工單
compose-no-macros = 沒有巨集：請在設定檔中加入 [[macros]]
compose-macro-note = { $name }（備註）
compose-macro-picker = 用巨集回覆
compose-macro-refused = 巨集「{ $name }」不適用：{ $why }
compose-macro-reopens = 「{ $name }」會重新開啟此工單
compose-macro-reopens-detail = 工單目前為「{ $from }」；送出此回覆會將其改為「{ $to }」。要撰寫回覆嗎？
