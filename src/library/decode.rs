//! Bytes to text: the encodings article files arrive in.
//!
//! A byte order mark decides first. Bytes that are valid UTF-8 are UTF-8, whatever a page
//! declares (pages that declare one encoding and are saved in another are common, and valid
//! UTF-8 is almost never an accident). Otherwise the encoding a saved page names in its first
//! [`DECLARATION_SNIFF`] bytes (`<meta charset>`, or `http-equiv` Content-Type) is used, as a
//! browser would; failing that, a file that is UTF-8 with stray bytes keeps its UTF-8, and one
//! with no UTF-8 in it at all is read in the encoding chardetng guesses (Windows-1252 for
//! Western text, windows-1250, GBK, Shift_JIS…).

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// How many leading bytes are checked for NULs when deciding a file is binary.
const BINARY_SNIFF: usize = 8 * 1024;

/// How many leading bytes are searched for a page's declared encoding: browsers look at 1,024,
/// saved pages often put a long `<head>` first.
const DECLARATION_SNIFF: usize = 8 * 1024;

/// Why bytes are not article text.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("binary file (NUL bytes), not an article")]
    Binary,
}

/// Decodes a file's bytes: UTF-8 with or without BOM, UTF-16 with BOM, else the encoding a page
/// declares, else the one chardetng guesses (Windows-1252, the usual encoding of old text files,
/// for Western text).
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        return Ok(UTF_16LE.decode_without_bom_handling(rest).0.into_owned());
    }
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        return Ok(UTF_16BE.decode_without_bom_handling(rest).0.into_owned());
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if bytes[..bytes.len().min(BINARY_SNIFF)].contains(&0) {
        return Err(DecodeError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    let sniff = &bytes[..bytes.len().min(DECLARATION_SNIFF)];
    let legacy = declared(sniff).unwrap_or_else(|| guess(bytes));
    if legacy == UTF_8 {
        return Ok(utf8_else_windows_1252(bytes));
    }
    Ok(legacy.decode_without_bom_handling(bytes).0.into_owned())
}

/// The encoding a page names in a `<meta charset>` or a `<meta http-equiv="Content-Type"
/// content="…; charset=…">` within `head`; a UTF-16 label names UTF-8 here, as in browsers,
/// since the bytes had no UTF-16 byte order mark.
fn declared(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"<meta") {
        let start = from + at + 5;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(at) = find(tag, b"charset") {
            let value = tag[at + 7..].trim_ascii_start();
            if let Some(value) = value.strip_prefix(b"=") {
                let value = value.trim_ascii_start();
                let value = value.strip_prefix(b"\"").unwrap_or(value);
                let value = value.strip_prefix(b"'").unwrap_or(value);
                let len = value
                    .iter()
                    .position(|b| matches!(b, b'"' | b'\'' | b';' | b'/' | b' ' | b'>'))
                    .unwrap_or(value.len());
                if let Some(encoding) = Encoding::for_label(&value[..len]) {
                    return Some(encoding.output_encoding());
                }
            }
        }
        from = end;
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The encoding of bytes that are not UTF-8 and name none: UTF-8 still when they hold UTF-8
/// beside stray bytes, else chardetng's guess.
fn guess(bytes: &[u8]) -> &'static Encoding {
    if holds_utf8(bytes) {
        return UTF_8;
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, Utf8Detection::Deny)
}

/// True when `bytes` read mostly as UTF-8: at least as many valid multi-byte characters as
/// invalid sequences. Legacy double-byte text (Shift_JIS, GBK) forms a valid pair by chance
/// now and then, far fewer than the pairs that are not.
fn holds_utf8(mut bytes: &[u8]) -> bool {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    loop {
        let (valid, rest) = match std::str::from_utf8(bytes) {
            Ok(valid) => (valid, None),
            Err(err) => {
                let (valid, rest) = bytes.split_at(err.valid_up_to());
                // Checked just above: this prefix is valid UTF-8.
                (
                    std::str::from_utf8(valid).unwrap_or_default(),
                    Some((err, rest)),
                )
            }
        };
        multibyte += valid.chars().filter(|c| !c.is_ascii()).count();
        let Some((err, rest)) = rest else {
            return multibyte >= invalid;
        };
        invalid += 1;
        bytes = &rest[err.error_len().unwrap_or(rest.len()).max(1)..];
    }
}

/// UTF-8 where the bytes are UTF-8, and each byte that is not read as Windows-1252: one stray
/// byte in a UTF-8 file must not garble the rest of it.
fn utf8_else_windows_1252(mut bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len());
    loop {
        match std::str::from_utf8(bytes) {
            Ok(valid) => {
                text.push_str(valid);
                return text;
            }
            Err(err) => {
                let (valid, rest) = bytes.split_at(err.valid_up_to());
                // Checked just above: this prefix is valid UTF-8.
                text.push_str(std::str::from_utf8(valid).unwrap_or_default());
                let bad = err.error_len().unwrap_or(rest.len()).max(1);
                text.push_str(&WINDOWS_1252.decode_without_bom_handling(&rest[..bad]).0);
                bytes = &rest[bad..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_each_encoding() {
        assert_eq!(decode(b"Caf\xc3\xa9").unwrap(), "Café");
        assert_eq!(decode(b"\xef\xbb\xbfCaf\xc3\xa9").unwrap(), "Café");
        assert_eq!(decode(b"Caf\xe9 \x93quoted\x94").unwrap(), "Café “quoted”");
        assert_eq!(decode(b"\xff\xfeC\0a\0f\0\xe9\0").unwrap(), "Café");
        assert_eq!(decode(b"\xfe\xff\0C\0a\0f\0\xe9").unwrap(), "Café");
    }

    #[test]
    fn a_stray_byte_does_not_garble_the_utf8_around_it() {
        assert_eq!(
            decode(b"Mixed \xc3\xa9 utf8 then \xe9 raw").unwrap(),
            "Mixed é utf8 then é raw"
        );
    }

    #[test]
    fn a_page_is_read_in_the_encoding_it_declares() {
        // "Příliš žluťoučký" in windows-1250, as a Czech page saves it.
        let czech = b"<html><head><meta charset=\"windows-1250\"><title>P\xf8\xedli\x9a \x9elu\x9dou\xe8k\xfd</title>";
        assert!(decode(czech).unwrap().contains("Příliš žluťoučký"));
        let quoted =
            b"<meta http-equiv='Content-Type' content='text/html; charset=GB2312'>\xd6\xd0\xce\xc4";
        assert!(decode(quoted).unwrap().ends_with("中文"));
        let unquoted = b"<META CHARSET=iso-8859-2>\xb1";
        assert!(decode(unquoted).unwrap().ends_with('ą'));
        // A UTF-16 label without a byte order mark means UTF-8; an unknown label is ignored.
        assert_eq!(
            decode(b"<meta charset=utf-16>Caf\xc3\xa9 \xe9").unwrap(),
            "<meta charset=utf-16>Café é"
        );
        assert!(
            decode(b"<meta charset=klingon>Caf\xe9")
                .unwrap()
                .ends_with("Café")
        );
    }

    #[test]
    fn valid_utf8_wins_over_a_declaration() {
        let page = "<meta charset=\"windows-1250\">Café".as_bytes();
        assert!(decode(page).unwrap().ends_with("Café"));
    }

    #[test]
    fn undeclared_legacy_text_is_guessed() {
        // Shift_JIS without a declaration (chardetng wants a few sentences to tell).
        let japanese = b"\x93\xfa\x96\x7b\x8c\xea\x82\xcc\x83\x65\x83\x4c\x83\x58\x83\x67\x82\xc5\x82\xb7\x81\x42";
        let text = decode(&japanese.repeat(4)).unwrap();
        assert_eq!(text, "日本語のテキストです。".repeat(4));
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n\0\0\0"), Err(DecodeError::Binary));
    }
}
