"""Regenerate the README's screenshots from the real command, so they never drift from it.

    .venv/bin/python docs/make_screenshots.py

Writes ``docs/img/html.png`` (the ``--format html`` page of ``examples/*.txt`` in headless
Chromium) and ``docs/img/table.png`` (``entx examples/caesar.txt -f table`` as a colour
terminal shows it). The table is the command's own ANSI output, replayed by Rich into an
SVG and photographed by the same Chromium: no hand-made picture, no terminal needed.
Needs Debian's ``chromium`` (``apt-get install -y chromium``). Works offline.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "img"
HTML_WINDOW = (1200, 1600)
TABLE_COLUMNS = 100
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    # Paint every tile before the shot: without these a corner can come out blank.
    "--run-all-compositor-stages-before-draw",
    "--virtual-time-budget=2000",
)


def entx(*args: str, env: dict[str, str | None] | None = None) -> bytes:
    # Relative paths, run from the project root: the page then shows examples/caesar.txt,
    # not the path of whoever regenerated the images.
    environment = {**os.environ, **(env or {})}
    environment = {key: value for key, value in environment.items() if value is not None}
    result = subprocess.run([sys.executable, "-m", "entx", *args], cwd=ROOT, capture_output=True, env=environment)
    if result.returncode != 0:
        sys.exit(f"entx {' '.join(args)} failed:\n{result.stderr.decode(errors='replace')}")
    return result.stdout


def screenshot(chromium: str, url: str, target: Path, size: tuple[int, int], scratch: Path) -> None:
    result = subprocess.run(
        [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={scratch / 'profile'}",
            f"--screenshot={target}",
            f"--window-size={size[0]},{size[1]}",
            url,
        ],
        capture_output=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    if result.returncode != 0 or not target.exists():
        sys.exit(f"chromium could not take {target.name}:\n{result.stderr.decode(errors='replace')[-2000:]}")


def html_page(chromium: str, scratch: Path) -> None:
    page = scratch / "page.html"
    examples = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "examples").glob("*.txt"))
    page.write_bytes(entx("-f", "html", *examples))
    screenshot(chromium, page.as_uri(), IMAGES / "html.png", HTML_WINDOW, scratch)


def terminal_table(chromium: str, scratch: Path) -> None:
    from rich.console import Console
    from rich.text import Text

    # FORCE_COLOR makes Rich colour a pipe as it would a terminal; COLUMNS fixes the width.
    env = {"FORCE_COLOR": "1", "COLUMNS": str(TABLE_COLUMNS), "NO_COLOR": None}
    ansi = entx("examples/caesar.txt", "-f", "table", env=env).decode("utf-8")
    if "\x1b[" not in ansi:
        sys.exit("entx printed no colour: the screenshot would not show what a terminal shows")
    lines = [Text.from_ansi(line) for line in ansi.rstrip("\n").split("\n")]
    width = max(line.cell_len for line in lines)
    console = Console(
        record=True, width=width, file=io.StringIO(), force_terminal=True, color_system="truecolor", no_color=False
    )
    for line in lines:
        console.print(line, overflow="ignore", crop=False)
    svg = console.export_svg(title="entx examples/caesar.txt -f table")
    # Rich would fetch Fira Code from a CDN; render offline, in the local monospace instead.
    svg = re.sub(r"@font-face\s*\{[^}]*\}", "", svg)
    if re.search(r"url\(\s*['\"]?(?!#)", svg):
        sys.exit("the terminal SVG still refers to an external resource")
    view_box = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
    size = (round(float(view_box.group(1))), round(float(view_box.group(2))))
    # An HTML wrapper pins the SVG to its natural size (an SVG alone stretches to the window).
    (scratch / "table.svg").write_text(svg, encoding="utf-8")
    wrapper = scratch / "table.html"
    wrapper.write_text(
        '<!DOCTYPE html><html><body style="margin:0;background:#fff">'
        f'<img src="table.svg" width="{size[0]}" height="{size[1]}" style="display:block"></body></html>',
        encoding="utf-8",
    )
    screenshot(chromium, wrapper.as_uri(), IMAGES / "table.png", size, scratch)


def main() -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("chromium is needed: apt-get install -y chromium")
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="entx-screenshots-") as scratch:
        html_page(chromium, Path(scratch))
        terminal_table(chromium, Path(scratch))
    for name in ("html.png", "table.png"):
        print(IMAGES / name)


if __name__ == "__main__":
    main()
