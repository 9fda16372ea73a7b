//! The README's picture of the screen, `docs/screen.svg`: the sample library drawn on a
//! `TestBackend` (as the snapshots in `screen.rs` are) and written as an SVG, so the picture
//! is a real render and a test keeps it one.
//!
//! `BYLINE_WRITE_SCREEN=1 cargo test --test integration readme_screen` writes it again.

use std::fmt::Write as _;
use std::path::Path;

use byline::app::Action;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

use crate::act;
use crate::screen::{draw, sample_app, type_query};

/// A cell's size in the picture, in pixels, and the text's size.
const CELL_W: usize = 9;
const CELL_H: usize = 19;
const FONT_SIZE: usize = 15;
/// The terminal's own colours in the picture: a dark background, light text.
const DEFAULT_FG: &str = "#d4d4d4";
const DEFAULT_BG: &str = "#1e1e1e";

/// The screen the README shows: the sample library, filtered for `harbour`, an article open.
fn readme_screen() -> Buffer {
    let (width, height) = (100, 30);
    let mut app = sample_app(width, height);
    type_query(&mut app, "harbour");
    act(&mut app, [Action::AcceptFilter]);
    draw(&mut app, width, height).backend().buffer().clone()
}

/// The 16 ANSI colours as a common dark terminal palette shows them, then xterm's 256.
fn hex(color: Color, default: &str) -> String {
    const ANSI: [&str; 16] = [
        "#000000", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
        "#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#ffffff",
    ];
    let index = match color {
        Color::Reset => return default.to_string(),
        Color::Rgb(r, g, b) => return format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        Color::Indexed(i) => i,
    };
    match index {
        0..=15 => ANSI[usize::from(index)].to_string(),
        16..=231 => {
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            let v = index - 16;
            let (r, g, b) = (level(v / 36), level(v / 6 % 6), level(v % 6));
            format!("#{r:02x}{g:02x}{b:02x}")
        }
        _ => {
            let gray = 8 + 10 * (index - 232);
            format!("#{gray:02x}{gray:02x}{gray:02x}")
        }
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A buffer as an SVG: a rectangle per run of cells with a background, a `<text>` per run of
/// cells of one style, stretched to its cells so any monospace font lines up.
fn svg(buffer: &Buffer) -> String {
    let area = buffer.area;
    let (w, h) = (
        usize::from(area.width) * CELL_W,
        usize::from(area.height) * CELL_H,
    );
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {w} {h}\" font-family=\"'DejaVu Sans Mono', Menlo, Consolas, monospace\" \
         font-size=\"{FONT_SIZE}\">\n<rect width=\"100%\" height=\"100%\" fill=\"{DEFAULT_BG}\"/>\n"
    );
    for y in 0..area.height {
        let mut x = 0;
        while x < area.width {
            let style_at = |x: u16| {
                let cell = &buffer[(x, y)];
                (cell.fg, cell.bg, cell.modifier)
            };
            let style = style_at(x);
            let start = x;
            let mut text = String::new();
            while x < area.width && style_at(x) == style {
                let symbol = buffer[(x, y)].symbol();
                text.push_str(symbol);
                // A wide character covers the next cell too.
                x += symbol.width().max(1) as u16;
            }
            let cells = usize::from(x - start);
            let (fg, bg, modifier) = style;
            let (mut fg, mut bg) = (hex(fg, DEFAULT_FG), hex(bg, DEFAULT_BG));
            if modifier.contains(Modifier::REVERSED) {
                std::mem::swap(&mut fg, &mut bg);
            }
            let (px, py) = (usize::from(start) * CELL_W, usize::from(y) * CELL_H);
            if bg != DEFAULT_BG {
                let _ = writeln!(
                    out,
                    "<rect x=\"{px}\" y=\"{py}\" width=\"{}\" height=\"{CELL_H}\" fill=\"{bg}\"/>",
                    cells * CELL_W
                );
            }
            if text.trim().is_empty() {
                continue;
            }
            let mut attributes = format!("fill=\"{fg}\"");
            if modifier.contains(Modifier::BOLD) {
                attributes.push_str(" font-weight=\"bold\"");
            }
            if modifier.contains(Modifier::ITALIC) {
                attributes.push_str(" font-style=\"italic\"");
            }
            if modifier.contains(Modifier::UNDERLINED) {
                attributes.push_str(" text-decoration=\"underline\"");
            }
            if modifier.contains(Modifier::DIM) {
                attributes.push_str(" opacity=\"0.6\"");
            }
            let _ = writeln!(
                out,
                "<text x=\"{px}\" y=\"{}\" textLength=\"{}\" lengthAdjust=\"spacingAndGlyphs\" \
                 xml:space=\"preserve\" {attributes}>{}</text>",
                py + CELL_H - 5,
                cells * CELL_W,
                escape(&text)
            );
        }
    }
    out.push_str("</svg>\n");
    out
}

#[test]
fn readme_screen_is_a_fresh_render() {
    let fresh = svg(&readme_screen());
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screen.svg");
    if std::env::var_os("BYLINE_WRITE_SCREEN").is_some() {
        std::fs::write(&path, &fresh).expect("write docs/screen.svg");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "docs/screen.svg is not what byline draws now; look at the screen snapshots, then \
         BYLINE_WRITE_SCREEN=1 cargo test --test integration readme_screen writes it again"
    );
}

#[test]
fn the_svg_keeps_every_character_and_colour_of_the_screen() {
    let buffer = readme_screen();
    let picture = svg(&buffer);
    assert!(picture.contains(">Harbour"), "the list's titles are there");
    assert!(picture.contains("harbour"), "the filter line is there");
    let selected_bg = hex(Color::Cyan, DEFAULT_BG);
    assert!(
        picture.contains(&format!("fill=\"{selected_bg}\"")),
        "the selection's colour"
    );
    assert_eq!(picture.matches("<svg").count(), 1);
    assert!(!picture.contains('\u{1b}'));
}
