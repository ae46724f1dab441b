"""Messages for the user on stderr, one line each, and the tally behind the exit code."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rich.console import Console
from rich.markup import escape

from entx.records import Diagnostic

_STYLES = {"error": "bold red", "warning": "yellow", "info": "dim"}
# C0 and C1 controls (newline, escape...) and the line and paragraph separators.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """File names can hold a newline or an escape sequence: shown raw, one would split a
    message over two lines (breaking ``grep``) and the other would drive the terminal."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


@dataclass
class Reporter:
    console: Console
    verbose: bool = False
    quiet: bool = False
    counts: dict = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})

    def report(self, diagnostic: Diagnostic) -> None:
        self.counts[diagnostic.level] += 1
        if diagnostic.level == "info" and not self.verbose:
            return
        if diagnostic.level == "warning" and self.quiet:
            return
        style = _STYLES[diagnostic.level]
        self.console.print(
            f"entx: [{style}]{diagnostic.level}[/]: {escape(printable(str(diagnostic)))}", soft_wrap=True
        )

    def fail(self, message: str) -> None:
        self.console.print(f"entx: [bold red]error[/]: {escape(printable(message))}", soft_wrap=True)
