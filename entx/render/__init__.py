"""Renderers: they only format results, never decide anything about entities.

Every renderer takes results one at a time (``write``) and finishes with ``close``, so
streaming formats (JSON Lines, CSV, the table) hold nothing in memory; formats that need
the whole corpus (the HTML page, the summary) keep only what they show.
"""

from __future__ import annotations

from typing import Protocol, TextIO

from entx.records import Result

FORMATS = ("table", "json", "jsonl", "csv", "html")


class Renderer(Protocol):
    def write(self, result: Result) -> None: ...

    def close(self) -> None: ...


def make_renderer(
    fmt: str,
    stream: TextIO,
    *,
    context: bool = False,
    color: bool | None = None,
    summary: bool = False,
    excel: bool = False,
) -> Renderer:
    if fmt == "jsonl":
        from entx.render.data import JsonLinesRenderer

        return JsonLinesRenderer(stream, context=context)
    if fmt == "json":
        from entx.render.data import JsonRenderer

        return JsonRenderer(stream, context=context)
    if fmt == "csv":
        from entx.render.data import CsvRenderer

        return CsvRenderer(stream, context=context, excel=excel)
    if fmt == "html":
        from entx.render.html import HtmlRenderer

        return HtmlRenderer(stream)
    from entx.render.table import TableRenderer

    return TableRenderer(stream, context=context, color=color, summary=summary)
