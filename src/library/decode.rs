//! Bytes to text: the encodings article files arrive in.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

/// How many leading bytes are checked for NULs when deciding a file is binary.
const BINARY_SNIFF: usize = 8 * 1024;

/// Why bytes are not article text.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("binary file (NUL bytes), not an article")]
    Binary,
}

/// Decodes a file's bytes: UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252 (the
/// usual encoding of old text files, and one that can decode any byte).
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
    Ok(utf8_else_windows_1252(bytes))
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
    fn nul_bytes_mean_binary() {
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n\0\0\0"), Err(DecodeError::Binary));
    }
}
