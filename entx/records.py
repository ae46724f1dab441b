"""The values that flow through entx: documents in, results out.

They are plain dataclasses so that they pickle cheaply between worker processes and Dask
workers, and so that every renderer sees exactly the same thing whatever ran the pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LABELS = ("PER", "ORG", "LOC", "WEAPON", "MISC")
DEFAULT_LABELS = ("PER", "ORG", "LOC", "WEAPON")


@dataclass(frozen=True)
class Document:
    """A text to annotate and where it came from.

    ``source`` is what a user recognises (a path or ``<stdin>``); ``id`` is the record id of
    JSONL input, carried back untouched so that results can be joined to the user's data.
    """

    text: str
    source: str
    id: str | int | None = None
    line: int | None = None


@dataclass(frozen=True)
class Entity:
    """One mention. ``text == document.text[start:end]`` always holds."""

    text: str
    label: str
    start: int
    end: int
    canonical: str | None = None
    category: str | None = None
    country: str | None = None
    sentence: str | None = None

    def to_dict(self, context: bool = False) -> dict:
        # Written out rather than ``dataclasses.asdict``, which deep-copies every field: 30x
        # slower, and this runs for every entity of every document written.
        record = {
            "text": self.text,
            "label": self.label,
            "start": self.start,
            "end": self.end,
            "canonical": self.canonical,
            "category": self.category,
            "country": self.country,
        }
        if context:
            record["sentence"] = self.sentence
        return record


@dataclass
class Result:
    """The entities of one document, in text order."""

    document: Document
    entities: list[Entity] = field(default_factory=list)

    def to_dict(self, context: bool = False) -> dict:
        record: dict = {"source": self.document.source}
        if self.document.id is not None:
            record["id"] = self.document.id
        record["entities"] = [e.to_dict(context) for e in self.entities]
        return record


@dataclass(frozen=True)
class Diagnostic:
    """Something to tell the user about an input, on stderr; never fatal to a batch.

    ``error``: an input (or a JSONL line) was lost, and the exit code says so.
    ``warning``: something was skipped on purpose (a binary file in a folder, a blank
    JSONL line); an error only under ``--strict``. ``info``: shown with ``--verbose``.
    """

    source: str
    message: str
    line: int | None = None
    level: str = "error"

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.message}"
