"""The terminal view: per document, each distinct entity once, grouped by label.

Rich decides about colour: none under ``NO_COLOR``, none when the output is not a
terminal, so the same table can be piped into a file and read there.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from entx.records import LABELS, Result
from entx.render.summary import Summary

LABEL_STYLES = {"PER": "bold cyan", "ORG": "bold magenta", "LOC": "bold green", "WEAPON": "bold red", "MISC": "yellow"}
SUMMARY_TOP = 10


def make_console(stream: TextIO, color: bool | None = None) -> Console:
    return Console(
        file=stream, no_color=(color is False) or None, force_terminal=color or None, highlight=False, soft_wrap=False
    )


class TableRenderer:
    def __init__(self, stream: TextIO, context: bool = False, color: bool | None = None, summary: bool = False) -> None:
        self.console = make_console(stream, color)
        self.context = context
        self.summary_only = summary
        self.summary = Summary()

    def write(self, result: Result) -> None:
        self.summary.add(result)
        if not self.summary_only:
            self.console.print(document_table(result, self.context))

    def close(self) -> None:
        if self.summary_only or self.summary.documents > 1:
            self.console.print(summary_table(self.summary))


def _label(label: str) -> Text:
    return Text(label, style=LABEL_STYLES.get(label, ""))


def document_table(result: Result, context: bool = False) -> Table:
    document = result.document
    title = document.source if document.id is None else f"{document.source} · {document.id}"
    table = Table(title=title, title_justify="left", expand=False)
    table.add_column("Label")
    table.add_column("Entity")
    table.add_column("Mentions", justify="right")
    table.add_column("Seen as")
    table.add_column("Details")
    if context:
        table.add_column("Context", max_width=60, overflow="ellipsis", no_wrap=True)
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for entity in result.entities:
        groups[(entity.label, entity.canonical or entity.text)].append(entity)
    order = {label: i for i, label in enumerate(LABELS)}
    for (label, name), mentions in sorted(
        groups.items(), key=lambda item: (order.get(item[0][0], 99), -len(item[1]), item[0][1])
    ):
        forms = Counter(m.text for m in mentions)
        seen = ", ".join(f for f, _ in forms.most_common() if f != name)
        first = mentions[0]
        details = " · ".join(v for v in (first.category, first.country) if v)
        row = [_label(label), Text(name, style=LABEL_STYLES.get(label, "")), str(len(mentions)), seen, details]
        if context:
            row.append(first.sentence or "")
        table.add_row(*row)
    if not groups:
        table.caption = "no entities"
    return table


def summary_table(summary: Summary, top: int = SUMMARY_TOP) -> Table:
    table = Table(title=f"Most frequent entities in {summary.documents} documents", title_justify="left")
    table.add_column("Label")
    table.add_column("Entity")
    table.add_column("Mentions", justify="right")
    table.add_column("Documents", justify="right")
    for row in summary.rows(top):
        table.add_row(
            _label(row["label"]),
            Text(row["entity"], style=LABEL_STYLES.get(row["label"], "")),
            str(row["mentions"]),
            str(row["documents"]),
        )
    return table
