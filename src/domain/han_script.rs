//! Simplified or traditional: which script a Chinese text is written in, so mail to a customer who writes
//! traditional characters (Taiwan, Hong Kong, Macau) goes out in traditional characters.
//!
//! A vote of the most frequent characters whose forms differ: no dictionary (a converter's tables are megabytes),
//! and mail needs only the script, not a conversion. Characters that exist in both scripts with their own
//! meaning (后/後, 里/裡, 于/於, 周/週, 几/幾, 范/範, 准/準) are left out: they prove nothing.

/// Simplified forms, each at the same position as its traditional form in [`TRADITIONAL`].
const SIMPLIFIED: &str = "这个们来时说为对会过还没问题发货订单号请谢务户网络电话机质买卖钱银账换开关线应该样么吗见现实经给让进运邮复体无与种东车长门间头产处满评价诉报维护联统术软设备装动态谁认识记录业员华国区县边达费优码验证绑迟转帮亲爱乐欢岁两亿万块级红黄绿蓝紧损坏调试检结据仓库递决办议导师汇总计划讯图书写读页灯热气风声响扫烧压显键盘连断稳启闭节约续终虽乱确输错误则条规围状况观点击选择档传载将从觉学听难厂广庆双购额张赔偿补贴拨济别义众参专";
/// Traditional forms of [`SIMPLIFIED`], in the same order.
const TRADITIONAL: &str = "這個們來時說為對會過還沒問題發貨訂單號請謝務戶網絡電話機質買賣錢銀賬換開關線應該樣麼嗎見現實經給讓進運郵復體無與種東車長門間頭產處滿評價訴報維護聯統術軟設備裝動態誰認識記錄業員華國區縣邊達費優碼驗證綁遲轉幫親愛樂歡歲兩億萬塊級紅黃綠藍緊損壞調試檢結據倉庫遞決辦議導師匯總計劃訊圖書寫讀頁燈熱氣風聲響掃燒壓顯鍵盤連斷穩啟閉節約續終雖亂確輸錯誤則條規圍狀況觀點擊選擇檔傳載將從覺學聽難廠廣慶雙購額張賠償補貼撥濟別義眾參專";

/// Characters read: enough for a verdict, bounded for a long mail.
const READ: usize = 4_000;

/// Whether `text` is written in traditional characters: more of its characters are traditional-only forms than
/// simplified-only ones. Text with neither (English, or only shared characters) is not.
pub fn is_traditional(text: &str) -> bool {
    let (mut simplified, mut traditional) = (0usize, 0usize);
    for c in text.chars().take(READ) {
        if SIMPLIFIED.contains(c) {
            simplified += 1;
        } else if TRADITIONAL.contains(c) {
            traditional += 1;
        }
    }
    traditional > simplified
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_pair_up_and_never_share_a_character() {
        assert_eq!(SIMPLIFIED.chars().count(), TRADITIONAL.chars().count());
        for (s, t) in SIMPLIFIED.chars().zip(TRADITIONAL.chars()) {
            assert_ne!(s, t);
            assert!(!TRADITIONAL.contains(s), "{s} is in both tables");
            assert!(!SIMPLIFIED.contains(t), "{t} is in both tables");
        }
    }

    #[test]
    fn a_text_is_traditional_when_its_differing_characters_say_so() {
        assert!(is_traditional("您好，我的訂單還沒有發貨，請幫忙查一下。"));
        assert!(is_traditional("電視機螢幕壞了"));
        assert!(!is_traditional("您好，我的订单还没有发货，请帮忙查一下。"));
        assert!(!is_traditional("电视机屏幕坏了"));
        assert!(!is_traditional("My order has not shipped."));
        // Only characters both scripts share: no evidence, simplified (the default Chinese).
        assert!(!is_traditional("你好"));
        // A traditional mail quoting a simplified line still reads traditional.
        assert!(is_traditional(
            "謝謝，問題已經解決了。我們的電話號碼沒變。> 请问"
        ));
    }
}
