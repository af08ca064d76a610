//! Display width, line wrapping and folding of text (interim: being written on its own branch).

use std::borrow::Cow;

/// Interim sanitizer: control characters become control pictures.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() && c != '\n') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\n' => '\n',
                c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('?'),
                c if c.is_control() => '\u{2421}',
                c => c,
            })
            .collect(),
    )
}

/// Interim plain wrapping by characters; replaced by the layout engine.
pub fn wrap_plain(text: &str, width: usize, _ambiguous_wide: bool) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for line in text.split('\n') {
        let chars: Vec<char> = line.chars().collect();
        if chars.is_empty() {
            out.push(String::new());
        }
        for chunk in chars.chunks(width) {
            out.push(chunk.iter().collect());
        }
    }
    out
}
