//! Styles, in one place, with a colourless variant for `--no-color` and
//! `NO_COLOR` that keeps every distinction with modifiers alone.

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub base: Style,
    pub title_bar: Style,
    pub status: Style,
    pub lead: Style,
    pub emphasis: Style,
    pub footnote: Style,
    pub hit: Style,
    pub current_hit: Style,
    pub focus_band: Style,
    pub focus_label: Style,
    pub label: Style,
    pub missing: Style,
    pub dim: Style,
    pub popup: Style,
    pub selected: Style,
    pub border: Style,
    pub bookmark: Style,
    pub error: Style,
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        let plain = Style::default();
        if color {
            Theme {
                base: plain,
                title_bar: plain.fg(Color::Black).bg(Color::Cyan),
                status: plain.fg(Color::Black).bg(Color::Gray),
                lead: plain.add_modifier(Modifier::BOLD),
                emphasis: plain.add_modifier(Modifier::ITALIC),
                footnote: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
                hit: plain.fg(Color::Black).bg(Color::Yellow),
                current_hit: plain
                    .fg(Color::Black)
                    .bg(Color::LightRed)
                    .add_modifier(Modifier::BOLD),
                focus_band: plain.bg(Color::Indexed(236)),
                focus_label: plain
                    .fg(Color::Black)
                    .bg(Color::Cyan)
                    .add_modifier(Modifier::BOLD),
                label: plain.fg(Color::DarkGray),
                missing: plain.fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
                dim: plain.fg(Color::DarkGray),
                popup: plain,
                selected: plain.add_modifier(Modifier::REVERSED),
                border: plain.fg(Color::Cyan),
                bookmark: plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
                error: plain.fg(Color::LightRed).add_modifier(Modifier::BOLD),
            }
        } else {
            Theme {
                base: plain,
                title_bar: plain.add_modifier(Modifier::REVERSED),
                status: plain.add_modifier(Modifier::REVERSED),
                lead: plain.add_modifier(Modifier::BOLD),
                emphasis: plain.add_modifier(Modifier::ITALIC),
                footnote: plain.add_modifier(Modifier::UNDERLINED),
                hit: plain.add_modifier(Modifier::REVERSED),
                current_hit: plain
                    .add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED),
                focus_band: plain,
                focus_label: plain.add_modifier(Modifier::BOLD | Modifier::REVERSED),
                label: plain,
                missing: plain.add_modifier(Modifier::ITALIC | Modifier::DIM),
                dim: plain.add_modifier(Modifier::DIM),
                popup: plain,
                selected: plain.add_modifier(Modifier::REVERSED),
                border: plain,
                bookmark: plain.add_modifier(Modifier::BOLD),
                error: plain.add_modifier(Modifier::BOLD),
            }
        }
    }
}
