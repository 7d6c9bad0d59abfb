//! Masking personal data on export (脱敏): enough left to recognise a record, not enough to contact anyone.

/// `wang.fang@example.com` → `w********@example.com`. Text without an `@` is masked like a name.
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let mut chars = local.chars();
            let first = chars.next().map(String::from).unwrap_or_default();
            format!("{first}{}@{domain}", "*".repeat(chars.count()))
        }
        None => mask_text(email),
    }
}

/// `13812345678` → `138****5678`: the first three and last four digits stay, other digits become `*`;
/// spaces, `+` and dashes keep their places. Numbers of fewer than eight digits keep only the last two.
/// Digits of any script count, so a number typed with full-width digits (`１３８…`) is masked too.
pub fn mask_phone(phone: &str) -> String {
    let digits = phone.chars().filter(|c| c.is_numeric()).count();
    let (head, tail) = if digits >= 8 { (3, 4) } else { (0, 2) };
    let mut seen = 0;
    phone
        .chars()
        .map(|c| {
            if !c.is_numeric() {
                return c;
            }
            seen += 1;
            if seen <= head || seen > digits.saturating_sub(tail) {
                c
            } else {
                '*'
            }
        })
        .collect()
}

fn mask_text(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => format!("{first}{}", "*".repeat(chars.count())),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_keep_the_first_letter_and_the_domain() {
        assert_eq!(mask_email("wang.fang@example.com"), "w********@example.com");
        assert_eq!(mask_email("王@qq.example"), "王@qq.example");
        assert_eq!(mask_email("nobody"), "n*****");
        assert_eq!(mask_email(""), "");
    }

    #[test]
    fn phones_keep_the_head_and_tail_digits() {
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_phone("+86 138 1234 5678"), "+86 1** **** 5678");
        assert_eq!(mask_phone("12345"), "***45");
        // Fewer digits than are kept: all of them stay (this used to underflow).
        assert_eq!(mask_phone("1"), "1");
        assert_eq!(mask_phone("分机 9"), "分机 9");
        assert_eq!(mask_phone("１３８１２３４５６７８"), "１３８****５６７８");
        assert_eq!(mask_phone(""), "");
    }
}
