//! Any string → the text escaper (`show::text`): what it returns holds no
//! control or bidi character, is unchanged where there was nothing to
//! escape, and gives the string back through `show::unescape`; and the
//! shell quoting of a suggested command's argument (`show::shell_word`)
//! is a plain word or one single-quoted word that gives the string back.
#![no_main]

use certcheck::show;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let shown = show::text(&s);
    assert!(!shown.chars().any(show::escaped), "{shown:?}");
    if !s.chars().any(|c| show::escaped(c) || c == '\\') {
        assert_eq!(shown, s);
    }
    assert_eq!(show::unescape(&shown).as_deref(), Some(&*s));

    let word = show::shell_word(&s);
    if word != s {
        // one single-quoted word: `'`, then the string with each `'`
        // written `'\''`, then `'`
        let inner = word
            .strip_prefix('\'')
            .and_then(|w| w.strip_suffix('\''))
            .expect("quoted");
        assert_eq!(inner.replace(r"'\''", "'"), s);
        assert!(!inner.replace(r"'\''", "").contains('\''));
    }
});
