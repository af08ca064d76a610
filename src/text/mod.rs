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

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Interim: width of one grapheme cluster.
pub fn grapheme_width(g: &str, ambiguous_wide: bool) -> usize {
    let w = if ambiguous_wide {
        g.width_cjk()
    } else {
        g.width()
    };
    w.min(2)
}

/// Interim: width of a string.
pub fn str_width(s: &str, ambiguous_wide: bool) -> usize {
    s.graphemes(true)
        .map(|g| grapheme_width(g, ambiguous_wide))
        .sum()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WrapOptions {
    pub width: usize,
    pub ambiguous_wide: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub width: usize,
}

/// Interim: greedy wrap by width at grapheme boundaries.
pub fn wrap(text: &str, _glue: &[usize], opts: WrapOptions) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for part in text.split('\n') {
        let mut start = offset;
        let mut width = 0;
        for (i, g) in part.grapheme_indices(true) {
            let w = grapheme_width(g, opts.ambiguous_wide);
            if width + w > opts.width && width > 0 {
                lines.push(Line {
                    start,
                    end: offset + i,
                    width,
                });
                start = offset + i;
                width = 0;
            }
            width += w;
        }
        lines.push(Line {
            start,
            end: offset + part.len(),
            width,
        });
        offset += part.len() + 1;
    }
    lines
}
