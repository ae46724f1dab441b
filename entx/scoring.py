"""The scorer of ANNOTATION.md, and nothing else: every figure entx reports comes from here.

- micro precision, recall and F1, per label and overall (``ALL``);
- ``exact``: same start, end and label; ``lenient``: overlapping spans, matching label;
- a gold label ``A|B`` accepts a prediction of either; MISC is dropped on both sides;
- each gold span is matched at most once; a true positive is counted under the predicted
  label, a missed gold span under its first label.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

MODES = ("exact", "lenient")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    labels: tuple[str, ...]  # alternatives for gold spans, one label for predictions

    @classmethod
    def from_record(cls, record: dict) -> Span:
        return cls(int(record["start"]), int(record["end"]), tuple(str(record["label"]).split("|")))


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict:
        return {
            "p": self.precision,
            "r": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "gold": self.tp + self.fn,
            "pred": self.tp + self.fp,
        }


@dataclass(frozen=True)
class Match:
    """The outcome for one span: ``tp``, ``fp`` (a prediction) or ``fn`` (a gold span)."""

    kind: str
    span: Span
    label: str


def keep(spans: Iterable[Span], labels: Iterable[str]) -> list[Span]:
    """Spans with MISC and unscored labels removed (alternatives narrowed to the scored)."""
    wanted = set(labels) - {"MISC"}
    kept = []
    for span in spans:
        alternatives = tuple(label for label in span.labels if label in wanted)
        if alternatives:
            kept.append(Span(span.start, span.end, alternatives))
    return kept


def match(gold: list[Span], predicted: list[Span], mode: str) -> list[Match]:
    used: set[int] = set()
    outcomes = []
    for pred in sorted(predicted, key=lambda s: (s.start, s.end)):
        label = pred.labels[0]
        found = None
        for index, g in enumerate(gold):
            if index in used or label not in g.labels:
                continue
            if (
                (g.start, g.end) == (pred.start, pred.end)
                if mode == "exact"
                else (g.start < pred.end and pred.start < g.end)
            ):
                found = index
                break
        if found is None:
            outcomes.append(Match("fp", pred, label))
        else:
            used.add(found)
            outcomes.append(Match("tp", pred, label))
    outcomes.extend(Match("fn", g, g.labels[0]) for i, g in enumerate(gold) if i not in used)
    return outcomes


class Scorer:
    """Accumulates counts over documents, for each mode and label."""

    def __init__(self, labels: Iterable[str]) -> None:
        self.labels = [label for label in labels if label != "MISC"]
        self.counts = {mode: defaultdict(Counts) for mode in MODES}
        self.documents = 0

    def add(self, gold: Iterable[Span], predicted: Iterable[Span]) -> dict[str, list[Match]]:
        self.documents += 1
        gold, predicted = keep(gold, self.labels), keep(predicted, self.labels)
        outcomes = {}
        for mode in MODES:
            outcomes[mode] = match(gold, predicted, mode)
            for outcome in outcomes[mode]:
                for key in (outcome.label, "ALL"):
                    counts = self.counts[mode][key]
                    setattr(counts, outcome.kind, getattr(counts, outcome.kind) + 1)
        return outcomes

    def to_dict(self) -> dict:
        result: dict = {"documents": self.documents}
        for mode in MODES:
            result[mode] = {label: self.counts[mode][label].to_dict() for label in (*self.labels, "ALL")}
        return result
