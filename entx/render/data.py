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


class JsonLinesRenderer:
    """One document per line, written as soon as it is annotated."""

    def __init__(self, stream: TextIO, context: bool = False) -> None:
        self.stream, self.context = stream, context

    def write(self, result: Result) -> None:
        self.stream.write(json.dumps(result.to_dict(self.context), ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.stream.flush()


class JsonRenderer(JsonLinesRenderer):
    """One JSON array of documents, streamed element by element."""

    def __init__(self, stream: TextIO, context: bool = False) -> None:
        super().__init__(stream, context)
        self.count = 0

    def write(self, result: Result) -> None:
        self.stream.write("[\n" if self.count == 0 else ",\n")
        text = json.dumps(result.to_dict(self.context), ensure_ascii=False, indent=2)
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
