"""Machine-readable output: JSON, JSON Lines and CSV, in one stable schema.

The schema is documented in the README; a field is added, never renamed or removed.
"""

from __future__ import annotations

import csv
import json
import textwrap
from typing import TextIO

from entx.records import Result

CSV_COLUMNS = ("source", "id", "text", "label", "start", "end", "canonical", "category", "country")


# Valid in JSON strings, but line breaks to ``str.splitlines`` and to many JSONL readers:
# escaped, so that one record stays one line for every tool.
_LINE_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


def dumps(record: dict, indent: int | None = None) -> str:
    return json.dumps(record, ensure_ascii=False, indent=indent).translate(_LINE_BREAKS)


class JsonLinesRenderer:
    """One document per line, written as soon as it is annotated."""

    def __init__(self, stream: TextIO, context: bool = False) -> None:
        self.stream, self.context = stream, context

    def write(self, result: Result) -> None:
        self.stream.write(dumps(result.to_dict(self.context)) + "\n")

    def close(self) -> None:
        self.stream.flush()


class JsonRenderer(JsonLinesRenderer):
    """One JSON array of documents, streamed element by element."""

    def __init__(self, stream: TextIO, context: bool = False) -> None:
        super().__init__(stream, context)
        self.count = 0

    def write(self, result: Result) -> None:
        self.stream.write("[\n" if self.count == 0 else ",\n")
        text = dumps(result.to_dict(self.context), indent=2)
        self.stream.write(textwrap.indent(text, "  "))
        self.count += 1

    def close(self) -> None:
        self.stream.write("[]\n" if self.count == 0 else "\n]\n")
        self.stream.flush()


class CsvRenderer:
    """One row per mention, for spreadsheets (``--excel`` adds the BOM Excel wants)."""

    def __init__(self, stream: TextIO, context: bool = False, excel: bool = False) -> None:
        if excel:
            stream.write("\ufeff")
        self.stream = stream
        self.columns = CSV_COLUMNS + (("sentence",) if context else ())
        self.writer = csv.writer(stream)
        self.writer.writerow(self.columns)

    def write(self, result: Result) -> None:
        for entity in result.entities:
            row = {"source": result.document.source, "id": result.document.id, **entity.to_dict(context=True)}
            self.writer.writerow(["" if row.get(c) is None else row[c] for c in self.columns])

    def close(self) -> None:
        self.stream.flush()
