//! Looking for a few ASCII bytes in text eight bytes at a time (one
//! `u64` word, no `unsafe`): where a JSON string needs escaping, whether a
//! CSV cell needs quoting. Most strings a screening writes need neither, and
//! a byte-by-byte loop was a visible part of its time.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that is zero. The lowest bit set is
/// exact (a borrow only runs upwards from a zero byte); above it there may
/// be false ones, which are never looked at.
fn zeros(x: u64) -> u64 {
    x.wrapping_sub(ONES) & !x & HIGH
}

/// The high bit of each byte of `x` equal to `b` (the lowest one exact).
fn equal(x: u64, b: u8) -> u64 {
    zeros(x ^ (ONES * u64::from(b)))
}

/// The high bit of each byte of `x` below `n`, for `n` up to 0x80: `x - n`
/// borrows into the high bit of exactly those bytes that are below it and
/// had it clear (the lowest one exact).
fn below(x: u64, n: u8) -> u64 {
    x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH
}

/// Where the first byte of `bytes` that `is` holds is. `in_word` marks the
/// same bytes in a word of eight (its lowest mark exact); the last few
/// bytes are looked at one by one.
fn first(bytes: &[u8], in_word: impl Fn(u64) -> u64, is: impl Fn(u8) -> bool) -> Option<usize> {
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for w in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(w);
        let found = in_word(u64::from_le_bytes(word));
        if found != 0 {
            // (little-endian: the first byte of the text is the lowest)
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    words
        .remainder()
        .iter()
        .position(|&b| is(b))
        .map(|n| at + n)
}

/// How many bytes at the start of `bytes` a JSON string takes as they are:
/// up to the first quote, backslash or control character, exactly the
/// bytes JSON escapes.
pub(crate) fn plain_len(bytes: &[u8]) -> usize {
    first(
        bytes,
        |x| below(x, 0x20) | equal(x, b'"') | equal(x, b'\\'),
        |b| b == b'"' || b == b'\\' || b < 0x20,
    )
    .unwrap_or(bytes.len())
}

/// Whether a CSV cell holds a comma, a quote or a line break: bytes, not
/// chars, as these are ASCII and never inside a longer UTF-8 sequence.
pub(crate) fn needs_csv_quotes(bytes: &[u8]) -> bool {
    first(
        bytes,
        |x| equal(x, b',') | equal(x, b'"') | equal(x, b'\n') | equal(x, b'\r'),
        |b| matches!(b, b',' | b'"' | b'\n' | b'\r'),
    )
    .is_some()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn plain_len_stops_at_the_first_special_byte() {
        for (text, n) in [
            ("", 0),
            ("abc", 3),
            ("abcdefghijklmnop", 16),
            ("abcdefghijk\"lmnop", 11),
            ("abcdefgh\\", 8),
            ("a\u{1}", 1),
            ("\u{7f}é€😀 end\"", 14),
            ("0123456\t89", 7),
            ("01234567\"", 8),
        ] {
            assert_eq!(plain_len(text.as_bytes()), n, "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn plain_len_agrees_with_a_plain_scan(bytes in prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..40),
            // long plain runs with a few special bytes (and their neighbours:
            // 0x1f, 0x20, 0x21, 0x5b, 0x5d, 0x7f, 0x80, 0xa0) anywhere
            proptest::collection::vec(
                prop_oneof![
                    12 => proptest::sample::select(b"ab ~!#[]\x7f\x80\xa0\xff".to_vec()),
                    1 => proptest::sample::select(b"\"\\\x00\x1f\x20\x21\x5b\x5d".to_vec()),
                ],
                0..80,
            ),
        ]) {
            let expected = bytes
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .unwrap_or(bytes.len());
            prop_assert_eq!(plain_len(&bytes), expected);
        }
    }

    proptest! {
        #[test]
        fn needs_csv_quotes_agrees_with_a_plain_scan(bytes in proptest::collection::vec(
            prop_oneof![
                12 => proptest::sample::select(b"ab ~!#+\x0b\x0c\x80\xff".to_vec()),
                1 => proptest::sample::select(b",\"\n\r".to_vec()),
            ],
            0..80,
        )) {
            let expected = bytes.iter().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'));
            prop_assert_eq!(needs_csv_quotes(&bytes), expected);
        }
    }
}
