//! Knowledge-base article files: any text is an article or an error naming a line; an article renders to a file
//! that parses back as the same article and renders to the same text.
#![no_main]

use desk::domain::kb::ArticleDoc;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let doc = match ArticleDoc::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            assert!(
                e.line >= 1 && e.line <= text.lines().count() + 1,
                "{e} for {text:?}"
            );
            return;
        }
    };
    let file = doc.render();
    match ArticleDoc::parse(&file) {
        Ok(back) => {
            assert_eq!(
                back, doc,
                "{text:?} renders as {file:?}, which reads back differently"
            );
            assert_eq!(back.render(), file, "rendering is not stable for {text:?}");
        }
        Err(e) => panic!("{text:?} renders as {file:?}, which does not parse: {e}"),
    }
});
