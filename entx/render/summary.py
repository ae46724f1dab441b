"""The corpus at a glance: the most frequent entities per label, across all documents.

Mentions are grouped by canonical name, so ``Poutine`` counts with ``Vladimir Poutine``
(same document) and ``T-90M`` with ``T-90`` (the knowledge base says so).
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TextIO

from entx.records import LABELS, Result
from entx.render.data import dumps

SUMMARY_COLUMNS = ("label", "entity", "mentions", "documents", "forms")


@dataclass
class _Group:
    mentions: int = 0
    documents: set = field(default_factory=set)
    forms: Counter = field(default_factory=Counter)


class Summary:
    def __init__(self) -> None:
        self.groups: dict[tuple[str, str], _Group] = defaultdict(_Group)
        self.documents = 0

    def add(self, result: Result) -> None:
        index = self.documents
        self.documents += 1
        for entity in result.entities:
            group = self.groups[(entity.label, entity.canonical or entity.text)]
            group.mentions += 1
            group.documents.add(index)
            group.forms[entity.text] += 1

    def rows(self, top: int | None = None) -> list[dict]:
        """Per label (in the usual label order), most mentioned first, then by name."""
        rows = []
        for label in LABELS:
            groups = [(name, g) for (lab, name), g in self.groups.items() if lab == label]
            groups.sort(key=lambda item: (-item[1].mentions, -len(item[1].documents), item[0]))
            for name, group in groups[:top]:
                rows.append(
                    {
                        "label": label,
                        "entity": name,
                        "mentions": group.mentions,
                        "documents": len(group.documents),
                        "forms": [form for form, _ in group.forms.most_common()],
                    }
                )
        return rows


class SummaryDataRenderer:
    """``--summary --format json|jsonl|csv``: the summary itself as data."""

    def __init__(self, stream: TextIO, fmt: str, top: int | None = None, excel: bool = False) -> None:
        self.stream, self.fmt, self.top, self.excel = stream, fmt, top, excel
        self.summary = Summary()

    def write(self, result: Result) -> None:
        self.summary.add(result)

    def close(self) -> None:
        rows = self.summary.rows(self.top)
        if self.fmt == "json":
            self.stream.write(dumps({"documents": self.summary.documents, "entities": rows}, indent=2) + "\n")
        elif self.fmt == "jsonl":
            for row in rows:
                self.stream.write(dumps(row) + "\n")
        else:
            if self.excel:
                self.stream.write("\ufeff")
            writer = csv.writer(self.stream)
            writer.writerow(SUMMARY_COLUMNS)
            for row in rows:
                writer.writerow([row[c] if c != "forms" else "|".join(row[c]) for c in SUMMARY_COLUMNS])
        self.stream.flush()
