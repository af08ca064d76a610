#!/usr/bin/env python3
"""Generate docs/screenshot.svg from a real run of the reader.

Builds the release binary, starts it in a private tmux server at 120x34,
goes to operative paragraph 12 the way a user would (types `12`, Enter),
captures the screen with its colours and turns that capture into an SVG
laid out on the terminal's own cell grid.

Usage:  python3 scripts/screenshot.py [-o OUTPUT]

Needs cargo and tmux; Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "docs" / "screenshot.svg"

COLS, ROWS = 120, 34
SOCKET = "diglot-shot"
SESSION = "shot"

TITLE_TEXT = "A/RES/67/189"
GOTO_KEYS = ["1", "2", "Enter"]
GOTO_DONE = "OP 12/41"

POLL = 0.05  # seconds between captures
TIMEOUT = 20.0  # seconds to wait for any one screen state

# --- SVG geometry -----------------------------------------------------------

CELL_W = 8.4
CELL_H = 17.0
# DejaVu Sans Mono advances 1233/2048 em: at 13.95 px that is the 8.4 px cell,
# for renderers that ignore textLength.
FONT_SIZE = 13.95
BASELINE = 13.0  # from the top of a cell
PAD = 14.0
RADIUS = 8.0
FONT_FAMILY = "DejaVu Sans Mono, Noto Sans Mono CJK SC, monospace"

# --- A dark terminal palette ------------------------------------------------

DEFAULT_FG = "#d0d0d0"
DEFAULT_BG = "#1b1d23"
ANSI16 = [
    "#1b1d23",  # 0 black
    "#e06c75",  # 1 red
    "#98c379",  # 2 green
    "#e5c07b",  # 3 yellow
    "#61afef",  # 4 blue
    "#c678dd",  # 5 magenta
    "#56b6c2",  # 6 cyan
    "#c8ccd4",  # 7 white (ratatui Gray)
    "#6b7280",  # 8 bright black (ratatui DarkGray)
    "#ff7b86",  # 9 bright red
    "#b5e890",  # 10 bright green
    "#ffd68a",  # 11 bright yellow
    "#82c4ff",  # 12 bright blue
    "#de9bf0",  # 13 bright magenta
    "#7fd8e3",  # 14 bright cyan
    "#ffffff",  # 15 bright white
]


def xterm256(n: int) -> str:
    """The xterm 256-colour palette, with our own first 16."""
    if n < 16:
        return ANSI16[n]
    if n < 232:
        n -= 16
        levels = (0, 95, 135, 175, 215, 255)
        r, g, b = levels[n // 36], levels[(n // 6) % 6], levels[n % 6]
        return f"#{r:02x}{g:02x}{b:02x}"
    v = 8 + 10 * (n - 232)
    return f"#{v:02x}{v:02x}{v:02x}"


# --- Running the reader -----------------------------------------------------


def tmux(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, LANG="C.UTF-8")
    env.pop("TMUX", None)
    env.pop("LC_ALL", None)
    return subprocess.run(
        ["tmux", "-u", "-L", SOCKET, "-f", "/dev/null", *args],
        check=check,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
    )


def build() -> Path:
    """`cargo build --release`; returns the path of the diglot executable."""
    proc = subprocess.run(
        ["cargo", "build", "--release", "--bin", "diglot",
         "--message-format=json-render-diagnostics"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        sys.exit(f"screenshot: cargo build --release failed ({proc.returncode})")
    exe = None
    for line in proc.stdout.splitlines():
        try:
            msg = json.loads(line)
        except json.JSONDecodeError:
            continue
        if msg.get("reason") == "compiler-artifact" and msg.get("executable"):
            if msg["target"]["name"] == "diglot":
                exe = msg["executable"]
    if not exe:
        sys.exit("screenshot: cargo did not report the diglot executable")
    return Path(exe)


def capture(escapes: bool = False) -> str:
    args = ["capture-pane", "-p", "-N", "-t", SESSION]
    if escapes:
        args.insert(2, "-e")
    return tmux(*args).stdout


def wait_for(text: str, what: str) -> str:
    deadline = time.monotonic() + TIMEOUT
    screen = ""
    while time.monotonic() < deadline:
        proc = tmux("capture-pane", "-p", "-t", SESSION, check=False)
        if proc.returncode == 0:
            screen = proc.stdout
            if text in screen:
                return screen
        time.sleep(POLL)
    sys.exit(f"screenshot: timed out waiting for {what} ({text!r}); last screen:\n{screen}")


def wait_until_still() -> None:
    """Until two captures in a row are the same: the reader has finished drawing."""
    deadline = time.monotonic() + TIMEOUT
    last = None
    while time.monotonic() < deadline:
        screen = capture(escapes=True)
        if screen == last:
            return
        last = screen
        time.sleep(POLL)
    sys.exit("screenshot: the screen never settled")


def run_reader(exe: Path) -> str:
    """Drive the reader in tmux; returns the final screen with SGR escapes."""
    tmux("kill-server", check=False)  # a server left over from an earlier run
    with tempfile.TemporaryDirectory(prefix="diglot-shot-") as data_dir:
        command = [
            "env",
            "-u", "LC_ALL",
            "-u", "NO_COLOR",
            f"DIGLOT_DATA_DIR={data_dir}",
            "TERM=xterm-256color",
            "LANG=C.UTF-8",
            str(exe),
        ]
        try:
            tmux(
                "new-session", "-d", "-s", SESSION, "-x", str(COLS), "-y", str(ROWS),
                *command,
                ";", "set-option", "-g", "status", "off",
                ";", "set-option", "-g", "remain-on-exit", "on",
            )
            size = tmux("display-message", "-p", "-t", SESSION,
                        "#{pane_width}x#{pane_height}").stdout.strip()
            if size != f"{COLS}x{ROWS}":
                sys.exit(f"screenshot: the tmux pane is {size}, not {COLS}x{ROWS}")
            wait_for(TITLE_TEXT, "the title bar")
            for key in GOTO_KEYS:
                tmux("send-keys", "-t", SESSION, key)
            wait_for(GOTO_DONE, "operative paragraph 12")
            wait_until_still()
            return capture(escapes=True)
        finally:
            tmux("kill-server", check=False)


# --- ANSI to cells ----------------------------------------------------------


@dataclass(frozen=True)
class Style:
    fg: str | None = None  # None: the default colour
    bg: str | None = None
    bold: bool = False
    dim: bool = False
    italic: bool = False
    underline: bool = False
    reverse: bool = False
    strike: bool = False
    hidden: bool = False


@dataclass
class Cell:
    text: str  # one character plus any combining marks; "" for a wide char's tail
    width: int
    style: Style


def char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    return 1


def cells(text: str) -> int:
    return sum(char_width(ch) for ch in text)


def extended_colour(params: list[int], i: int) -> tuple[str | None, int]:
    """`38;5;n` / `38;2;r;g;b` starting at params[i] (the 5 or 2); returns (colour, next i)."""
    if i < len(params) and params[i] == 5 and i + 1 < len(params):
        return xterm256(params[i + 1] & 0xFF), i + 2
    if i < len(params) and params[i] == 2 and i + 3 < len(params):
        r, g, b = (min(v, 255) for v in params[i + 1 : i + 4])
        return f"#{r:02x}{g:02x}{b:02x}", i + 4
    return None, len(params)


def apply_sgr(style: Style, raw: str) -> Style:
    # Colon sub-parameters (38:2::r:g:b) are folded into the ; form.
    if ":" in raw:
        raw = re.sub(r"(38|48|58):2::", r"\1:2:", raw).replace(":", ";")
    params = [int(p) if p.isdigit() else 0 for p in raw.split(";")] if raw else [0]
    i = 0
    while i < len(params):
        p = params[i]
        i += 1
        if p == 0:
            style = Style()
        elif p == 1:
            style = replace(style, bold=True)
        elif p == 2:
            style = replace(style, dim=True)
        elif p == 3:
            style = replace(style, italic=True)
        elif p in (4, 21):
            style = replace(style, underline=True)
        elif p == 7:
            style = replace(style, reverse=True)
        elif p == 8:
            style = replace(style, hidden=True)
        elif p == 9:
            style = replace(style, strike=True)
        elif p == 22:
            style = replace(style, bold=False, dim=False)
        elif p == 23:
            style = replace(style, italic=False)
        elif p == 24:
            style = replace(style, underline=False)
        elif p == 27:
            style = replace(style, reverse=False)
        elif p == 28:
            style = replace(style, hidden=False)
        elif p == 29:
            style = replace(style, strike=False)
        elif 30 <= p <= 37:
            style = replace(style, fg=ANSI16[p - 30])
        elif p == 38:
            colour, i = extended_colour(params, i)
            style = replace(style, fg=colour)
        elif p == 39:
            style = replace(style, fg=None)
        elif 40 <= p <= 47:
            style = replace(style, bg=ANSI16[p - 40])
        elif p == 48:
            colour, i = extended_colour(params, i)
            style = replace(style, bg=colour)
        elif p == 49:
            style = replace(style, bg=None)
        elif p == 58:  # underline colour: not drawn
            _, i = extended_colour(params, i)
        elif 90 <= p <= 97:
            style = replace(style, fg=ANSI16[p - 90 + 8])
        elif 100 <= p <= 107:
            style = replace(style, bg=ANSI16[p - 100 + 8])
        # anything else (blink, overline, fonts...) is ignored
    return style


ESCAPE = re.compile(
    r"\x1b\[([0-9;:?<=>]*)([ -/]*[@-~])"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC (hyperlinks, titles)
    r"|\x1b[ -/]*[0-~]"  # other two-byte escapes
)


def parse_screen(ansi: str, cols: int = COLS, rows: int = ROWS) -> list[list[Cell]]:
    """The captured text as rows of cells. tmux carries attributes across line ends."""
    style = Style()
    grid: list[list[Cell]] = []
    for line in ansi.split("\n")[:rows]:
        row: list[Cell] = []
        col = 0
        pos = 0
        while pos < len(line):
            m = ESCAPE.match(line, pos)
            if m:
                if m.group(2) == "m" and not (m.group(1) or "").startswith(("?", "<", "=", ">")):
                    style = apply_sgr(style, m.group(1))
                pos = m.end()
                continue
            ch = line[pos]
            pos += 1
            if ch == "\x1b" or ord(ch) < 0x20 or ch == "\x7f":
                continue
            w = char_width(ch)
            if w == 0:
                if row:  # a combining mark joins the character before it
                    last = row[-1] if row[-1].text else row[-2]
                    last.text += ch
                continue
            if col + w > cols:
                print(
                    f"screenshot: warning: row {len(grid) + 1} is wider than {cols} columns "
                    "by this script's character widths; the picture may be off",
                    file=sys.stderr,
                )
                break
            row.append(Cell(ch, w, style))
            if w == 2:
                row.append(Cell("", 0, style))
            col += w
        while col < cols:  # pad what tmux trimmed with the default background
            row.append(Cell(" ", 1, Style()))
            col += 1
        grid.append(row)
    while len(grid) < rows:
        grid.append([Cell(" ", 1, Style()) for _ in range(cols)])
    return grid


# --- Cells to SVG -----------------------------------------------------------


def resolved(style: Style) -> tuple[str, str]:
    """(foreground, background) colours after reverse video."""
    fg = style.fg or DEFAULT_FG
    bg = style.bg or DEFAULT_BG
    if style.reverse:
        fg, bg = bg, fg
    if style.hidden:
        fg = bg
    return fg, bg


def xml_escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def num(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")


def text_attrs(style: Style) -> str:
    fg, _ = resolved(style)
    attrs = []
    if fg != DEFAULT_FG:
        attrs.append(f'fill="{fg}"')
    if style.bold:
        attrs.append('font-weight="bold"')
    if style.italic:
        attrs.append('font-style="italic"')
    if style.dim:
        attrs.append('fill-opacity="0.6"')
    decorations = [d for d, on in (("underline", style.underline), ("line-through", style.strike)) if on]
    if decorations:
        attrs.append(f'text-decoration="{" ".join(decorations)}"')
    return (" " + " ".join(attrs)) if attrs else ""


def to_svg(grid: list[list[Cell]]) -> str:
    width = COLS * CELL_W + 2 * PAD
    height = ROWS * CELL_H + 2 * PAD
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{num(width)}" height="{num(height)}" '
        f'viewBox="0 0 {num(width)} {num(height)}" xml:space="preserve">',
        "<!-- Generated by scripts/screenshot.py from a real run of diglot; do not edit. -->",
        f'<rect width="{num(width)}" height="{num(height)}" rx="{num(RADIUS)}" fill="{DEFAULT_BG}"/>',
        f'<g transform="translate({num(PAD)},{num(PAD)})">',
    ]

    # Backgrounds: one rectangle per run of cells with the same non-default colour.
    for r, row in enumerate(grid):
        c = 0
        while c < len(row):
            _, bg = resolved(row[c].style)
            start = c
            while c < len(row) and resolved(row[c].style)[1] == bg:
                c += 1
            if bg != DEFAULT_BG:
                # A hair wider than the cells so that neighbours do not show seams.
                out.append(
                    f'<rect x="{num(start * CELL_W)}" y="{num(r * CELL_H)}" '
                    f'width="{num((c - start) * CELL_W + 0.3)}" height="{num(CELL_H + 0.3)}" fill="{bg}"/>'
                )

    # Text: narrow characters in runs of one style, each run stretched to its
    # cells with textLength; wide characters one by one, centred on their two
    # cells, so the grid holds whatever fonts the viewer has.
    out.append(f'<g font-family="{FONT_FAMILY}" font-size="{num(FONT_SIZE)}" fill="{DEFAULT_FG}">')
    for r, row in enumerate(grid):
        y = num(r * CELL_H + BASELINE)
        c = 0
        while c < len(row):
            cell = row[c]
            if cell.width == 0:
                c += 1
                continue
            if cell.width == 2:
                if cell.text.strip():
                    x = num((c + 1) * CELL_W)
                    out.append(
                        f'<text x="{x}" y="{y}" text-anchor="middle"{text_attrs(cell.style)}>'
                        f"{xml_escape(cell.text)}</text>"
                    )
                c += 2
                continue
            start = c
            chars = []
            while c < len(row) and row[c].width == 1 and row[c].style == cell.style:
                chars.append(row[c].text)
                c += 1
            if cell.style.underline or cell.style.strike:
                pieces = [(start, "".join(chars))]  # the line runs under the blanks too
            else:
                # One element per word: even a renderer that ignores textLength
                # (librsvg does) can drift only within a word.
                pieces = []
                i = 0
                while i < len(chars):
                    if chars[i] == " ":
                        i += 1
                        continue
                    j = i
                    while j < len(chars) and chars[j] != " ":
                        j += 1
                    pieces.append((start + i, "".join(chars[i:j])))
                    i = j
            for col, text in pieces:
                out.append(
                    f'<text x="{num(col * CELL_W)}" y="{y}" '
                    f'textLength="{num(cells(text) * CELL_W)}" '
                    f'lengthAdjust="spacingAndGlyphs"{text_attrs(cell.style)}>{xml_escape(text)}</text>'
                )
    out.append("</g>")
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT, help=f"default: {OUTPUT}")
    parser.add_argument("--ansi", type=Path, help="also save the raw capture (with escapes) here")
    args = parser.parse_args()

    exe = build()
    ansi = run_reader(exe)
    if args.ansi:
        args.ansi.write_text(ansi, encoding="utf-8")
    svg = to_svg(parse_screen(ansi))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(svg, encoding="utf-8")
    print(args.output)


if __name__ == "__main__":
    main()
