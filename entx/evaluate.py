"""``entx eval``: score a pipeline against a gold file with the scorer of ANNOTATION.md."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from entx.records import LABELS, Document
from entx.scoring import MODES, Scorer, Span


class GoldError(ValueError):
    """A gold file that does not follow ANNOTATION.md; the message names the line."""


@dataclass(frozen=True)
class GoldDocument:
    id: str
    text: str
    spans: list[Span]


def read_gold(path: Path) -> list[GoldDocument]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise GoldError(f"{path}: cannot read ({error})") from None
    documents = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            text = record["text"]
            spans = [Span.from_record(e) for e in record.get("entities", [])]
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
            raise GoldError(f"{path}:{number}: not a gold record ({type(error).__name__}: {error})") from None
        if not isinstance(text, str) or any(not (0 <= s.start < s.end <= len(text)) for s in spans):
            raise GoldError(f"{path}:{number}: text missing or an entity outside it")
        documents.append(GoldDocument(str(record.get("id", number)), text, spans))
    return documents


def predict(
    documents: list[GoldDocument], model: str, plain: bool, gazetteers: list[str], batch_size: int = 64
) -> Iterator[list[Span]]:
    """Predicted spans per document: entx's, or the model's as spaCy ships it."""
    if plain:
        from entx.pipeline import plain_pipeline

        nlp = plain_pipeline(model)
        for doc in nlp.pipe((d.text for d in documents), batch_size=batch_size):
            yield [Span(e.start_char, e.end_char, (e.label_,)) for e in doc.ents]
        return
    from entx.engine import Annotator, EngineSettings
    from entx.pipeline import PipelineSettings

    annotator = Annotator(EngineSettings(PipelineSettings(model, tuple(gazetteers)), labels=LABELS))
    for result in annotator.annotate(Document(d.text, d.id) for d in documents):
        yield [Span(e.start, e.end, (e.label,)) for e in getattr(result, "entities", [])]


def evaluate(
    gold: Path, model: str, labels: tuple[str, ...], plain: bool = False, gazetteers: list[str] | None = None
) -> tuple[Scorer, list[dict]]:
    documents = read_gold(gold)
    scorer = Scorer(labels)
    errors = []
    for document, predicted in zip(documents, predict(documents, model, plain, gazetteers or [])):
        outcomes = scorer.add(document.spans, predicted)
        for outcome in outcomes["exact"]:
            if outcome.kind != "tp":
                span = outcome.span
                errors.append(
                    {
                        "id": document.id,
                        "kind": outcome.kind,
                        "label": "|".join(span.labels),
                        "text": document.text[span.start : span.end],
                        "start": span.start,
                        "end": span.end,
                        "context": _context(document.text, span),
                    }
                )
    return scorer, errors


def _context(text: str, span: Span, width: int = 50) -> str:
    left = text[max(0, span.start - width) : span.start]
    right = text[span.end : span.end + width]
    return " ".join(f"{left}[{text[span.start : span.end]}]{right}".split())


def evaluate_command(
    gold: Path,
    *,
    model: str,
    labels: tuple[str, ...],
    fmt: str,
    errors: bool,
    plain: bool,
    gazetteers: list[str],
    console: Console,
) -> int:
    from entx.knowledge import KnowledgeBaseError
    from entx.models import ModelNotFound

    try:
        scorer, found = evaluate(gold, model, labels, plain, gazetteers)
    except (GoldError, ModelNotFound, KnowledgeBaseError) as error:
        console.print(f"entx: [bold red]error[/]: {escape(str(error))}", soft_wrap=True)
        return 2
    scores = scorer.to_dict()
    if fmt == "json":
        if errors:
            scores["errors"] = found
        print(json.dumps(scores, ensure_ascii=False, indent=1))
        return 0
    out = Console(highlight=False)
    what = f"{model} as shipped" if plain else f"entx on {model}"
    table = Table(title=f"{what} — {gold.name}, {scorer.documents} documents", title_justify="left")
    table.add_column("Label")
    for mode in MODES:
        for column in ("P", "R", "F1"):
            table.add_column(f"{column} {mode}", justify="right")
    table.add_column("gold", justify="right")
    table.add_column("pred", justify="right")
    for label in (*scorer.labels, "ALL"):
        row = [label]
        for mode in MODES:
            c = scores[mode][label]
            row += [f"{100 * c['p']:.1f}", f"{100 * c['r']:.1f}", f"{100 * c['f1']:.1f}"]
        row += [str(scores["exact"][label]["gold"]), str(scores["exact"][label]["pred"])]
        table.add_row(*row, style="bold" if label == "ALL" else None)
    out.print(table)
    if errors:
        listing = Table(title="Errors (exact match)", title_justify="left")
        for column in ("id", "kind", "label", "text", "context"):
            listing.add_column(column, overflow="fold")
        for error in found:
            listing.add_row(
                error["id"],
                "false positive" if error["kind"] == "fp" else "missed",
                error["label"],
                escape(error["text"]),
                escape(error["context"]),
            )
        out.print(listing)
    return 0
