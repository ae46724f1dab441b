"""The one engine: a stream of documents in, a stream of results out, in input order.

In-process, in ``--jobs`` worker processes or on Dask workers (:mod:`entx.cluster`), the
same :class:`Annotator` does the work on the same settings, which is why the three give
identical output. Workers receive settings, never a loaded pipeline: each builds its own
once and keeps it.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from entx.chunking import DEFAULT_LIMIT, split_text
from entx.consistency import harmonise
from entx.pipeline import PipelineSettings, load_pipeline
from entx.records import DEFAULT_LABELS, Diagnostic, Document, Entity, Result

Output = Result | Diagnostic
BATCH_DOCUMENTS = 64
BATCH_CHARACTERS = 400_000


@dataclass(frozen=True)
class EngineSettings:
    pipeline: PipelineSettings
    labels: tuple[str, ...] = DEFAULT_LABELS
    context: bool = False
    chunk_characters: int = DEFAULT_LIMIT


class Annotator:
    """A loaded pipeline and what it takes to turn its spaCy docs into entity records."""

    def __init__(self, settings: EngineSettings) -> None:
        from entx.knowledge import load_organisations, load_weapons

        pipeline = replace(settings.pipeline, sentences=settings.context or settings.pipeline.sentences)
        self.settings = settings
        self.nlp = load_pipeline(pipeline)
        self.weapons = load_weapons(pipeline.gazetteers)
        self.organisations = load_organisations()

    def annotate(self, documents: Iterable[Document]) -> Iterator[Output]:
        """Results in input order; a document spaCy fails on becomes a diagnostic."""
        for batch in batches(documents):
            yield from self._annotate_batch(batch)

    def _annotate_batch(self, batch: list[Document]) -> Iterator[Output]:
        try:
            yield from list(self._pipe(batch))
        except Exception:  # noqa: BLE001 - isolate the document that breaks the batch
            for document in batch:
                try:
                    yield from list(self._pipe([document]))
                except Exception as error:  # noqa: BLE001
                    yield Diagnostic(document.source, f"could not be processed ({type(error).__name__}: {error})", line=document.line)

    def _pipe(self, documents: list[Document]) -> Iterator[Result]:
        pieces = [
            (text, (index, offset))
            for index, document in enumerate(documents)
            for offset, text in split_text(document.text, self.settings.chunk_characters)
        ]
        found: list[list[Entity]] = [[] for _ in documents]
        for doc, (index, offset) in self.nlp.pipe(pieces, as_tuples=True, batch_size=self.settings.pipeline.batch_size):
            found[index].extend(self._entities(doc, offset))
        for document, entities in zip(documents, found):
            yield self._result(document, entities)

    def _entities(self, doc, offset: int) -> Iterator[Entity]:
        context = self.settings.context
        for ent in doc.ents:
            entry = None
            if ent.label_ == "WEAPON":
                entry = self.weapons.entries.get(ent.kb_id_)
                category = entry.kind if entry else ent._.entx_category
            elif ent.label_ == "ORG":
                entry = self.organisations.entries.get(ent.kb_id_)
                category = None
            else:
                category = None
            yield Entity(
                text=ent.text,
                label=ent.label_,
                start=ent.start_char + offset,
                end=ent.end_char + offset,
                canonical=entry.name if entry else None,
                category=category,
                country=(entry.country or None) if entry and ent.label_ == "WEAPON" else None,
                sentence=ent.sent.text.strip() if context else None,
            )

    def _result(self, document: Document, entities: list[Entity]) -> Result:
        labels = self.settings.labels
        entities = [e for e in harmonise(entities) if e.label in labels]
        entities = [e if e.canonical else replace(e, canonical=e.text) for e in entities]
        return Result(document=document, entities=entities)


def run(documents: Iterable[Document], settings: EngineSettings, jobs: int = 1) -> Iterator[Output]:
    """Annotate ``documents`` with ``jobs`` processes; output order is input order."""
    if jobs <= 1:
        yield from Annotator(settings).annotate(documents)
        return
    yield from _run_pool(documents, settings, jobs)


def batches(documents: Iterable[Document], size: int = BATCH_DOCUMENTS, characters: int = BATCH_CHARACTERS) -> Iterator[list[Document]]:
    """Groups of documents small enough to balance work between processes."""
    batch, length = [], 0
    for document in documents:
        batch.append(document)
        length += len(document.text)
        if len(batch) >= size or length >= characters:
            yield batch
            batch, length = [], 0
    if batch:
        yield batch


_worker: Annotator | None = None


def _start_worker(settings: EngineSettings) -> None:
    global _worker
    # Ctrl-C goes to the whole process group: the parent handles it and stops the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker = Annotator(settings)


def _work(batch: list[Document]) -> list[Output]:
    assert _worker is not None
    return list(_worker.annotate(batch))


def _run_pool(documents: Iterable[Document], settings: EngineSettings, jobs: int) -> Iterator[Output]:
    """A process pool fed a bounded window of batches, so memory stays flat.

    ``Pool.imap`` would read the whole input ahead of the workers; here at most
    ``2 * jobs`` batches are in flight and results are taken back in order.
    """
    context = multiprocessing.get_context("spawn")
    with context.Pool(jobs, initializer=_start_worker, initargs=(settings,)) as pool:
        in_flight: deque = deque()
        for batch in batches(documents):
            in_flight.append(pool.apply_async(_work, (batch,)))
            if len(in_flight) >= 2 * jobs:
                yield from in_flight.popleft().get()
        while in_flight:
            yield from in_flight.popleft().get()
