"""The one engine: a stream of documents in, a stream of results out, in input order.

Documents are cut into pieces (:mod:`entx.chunking`); pieces are what spaCy processes, in
batches, in this process, in ``--jobs`` worker processes or on Dask workers
(:mod:`entx.cluster`); a document's entities are then gathered back and made consistent
(:mod:`entx.consistency`) in the process that reads the input. Every path goes through
:meth:`Annotator.pieces` and :func:`finish` on the same settings, which is why the three
give identical output. Workers receive settings, never a loaded pipeline: each builds its
own once and keeps it.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import chain
from typing import TypeVar

from entx.chunking import DEFAULT_LIMIT, split_text
from entx.consistency import harmonise
from entx.pipeline import PipelineSettings, load_pipeline
from entx.records import DEFAULT_LABELS, Diagnostic, Document, Entity, Result

Output = Result | Diagnostic
BATCH_DOCUMENTS = 64
BATCH_CHARACTERS = 200_000
PIPE_CHARACTERS = 50_000


@dataclass(frozen=True)
class EngineSettings:
    pipeline: PipelineSettings
    labels: tuple[str, ...] = DEFAULT_LABELS
    context: bool = False
    chunk_characters: int = DEFAULT_LIMIT


@dataclass(frozen=True)
class Piece:
    """Part of a document: ``text`` starts at ``offset`` in document number ``index``."""

    index: int
    offset: int
    text: str


_Text = TypeVar("_Text", Document, Piece)


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
        yield from assemble(documents, self.settings, lambda units: map(self.pieces, units))

    def pieces(self, pieces: list[Piece]) -> list[list[Entity] | str]:
        """Entities of each piece (offsets in its document), or why it failed.

        One piece spaCy cannot process must not cost the others of its batch, so a failed
        batch is retried piece by piece.
        """
        try:
            return list(self._pipe(pieces))
        except Exception:
            found: list[list[Entity] | str] = []
            for piece in pieces:
                try:
                    found.extend(self._pipe([piece]))
                except Exception as error:
                    found.append(f"could not be processed ({type(error).__name__}: {error})")
            return found

    def _pipe(self, pieces: list[Piece]) -> Iterator[list[Entity]]:
        texts = ((piece.text, piece.offset) for piece in pieces)
        # The model's memory grows with the text of a batch, not with its number of
        # documents: a few long pieces at a time, many short ones.
        longest = max((len(piece.text) for piece in pieces), default=1) or 1
        batch_size = max(1, min(self.settings.pipeline.batch_size, PIPE_CHARACTERS // longest))
        for doc, offset in self.nlp.pipe(texts, as_tuples=True, batch_size=batch_size):
            yield list(self._entities(doc, offset))

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


def finish(document: Document, entities: list[Entity], labels: Iterable[str]) -> Result:
    """A document's result from the entities of all its pieces: consistent, filtered."""
    labels = set(labels)
    entities = [e for e in harmonise(entities) if e.label in labels]
    return Result(document=document, entities=[e if e.canonical else replace(e, canonical=e.text) for e in entities])


def pieces_of(documents: Iterable[Document], settings: EngineSettings) -> Iterator[tuple[Document, list[Piece]]]:
    for index, document in enumerate(documents):
        yield (
            document,
            [Piece(index, offset, text) for offset, text in split_text(document.text, settings.chunk_characters)],
        )


def work_units(pieces: Iterable[list[Piece]]) -> Iterator[list[Piece]]:
    """The documents' pieces in batches: a long document is shared between processes,
    many short ones travel together."""
    return batches(chain.from_iterable(pieces))


@dataclass
class _Open:
    document: Document
    expected: int
    found: list


def assemble(documents: Iterable[Document], settings: EngineSettings, process) -> Iterator[Output]:
    """Results in input order. ``process`` turns a stream of work units into the stream of
    their outcomes (per piece: entities, or an error message), in the same order."""
    open_documents: deque[_Open] = deque()
    sent: deque[list[Piece]] = deque()
    first = 0  # ordinal of open_documents[0]

    def register() -> Iterator[list[Piece]]:
        for document, parts in pieces_of(documents, settings):
            open_documents.append(_Open(document, len(parts), []))
            yield parts

    def units() -> Iterator[list[Piece]]:
        for unit in work_units(register()):
            sent.append(unit)
            yield unit

    for outcomes in process(units()):
        for piece, outcome in zip(sent.popleft(), outcomes):
            open_documents[piece.index - first].found.append(outcome)
        while open_documents and len(open_documents[0].found) == open_documents[0].expected:
            done = open_documents.popleft()
            first += 1
            errors = [o for o in done.found if isinstance(o, str)]
            if errors:
                yield Diagnostic(done.document.source, errors[0], line=done.document.line)
            else:
                yield finish(done.document, [e for found in done.found for e in found], settings.labels)


def run(documents: Iterable[Document], settings: EngineSettings, jobs: int = 1) -> Iterator[Output]:
    """Annotate ``documents`` with ``jobs`` processes; output order is input order."""
    if jobs <= 1:
        yield from Annotator(settings).annotate(documents)
        return
    yield from assemble(documents, settings, lambda units: _pool(units, settings, jobs))


def batches(
    items: Iterable[_Text], size: int = BATCH_DOCUMENTS, characters: int = BATCH_CHARACTERS
) -> Iterator[list[_Text]]:
    """Documents (Dask partitions) or pieces (work units of ``--jobs``) in groups of
    ``size`` or about ``characters`` characters: small enough to balance the work between
    processes, large enough that each carries little overhead."""
    batch: list[_Text] = []
    length = 0
    for item in items:
        batch.append(item)
        length += len(item.text)
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


def _work(pieces: list[Piece]) -> list[list[Entity] | str]:
    assert _worker is not None
    return _worker.pieces(pieces)


def _pool(units: Iterator[list[Piece]], settings: EngineSettings, jobs: int) -> Iterator[list]:
    """A process pool fed a bounded window of work units, so memory stays flat.

    ``Pool.imap`` would read the whole input ahead of the workers; here at most
    ``2 * jobs`` units are in flight and outcomes are taken back in order.
    """
    context = multiprocessing.get_context("spawn")
    with _workers_ignore_ctrl_c():
        pool = context.Pool(jobs, initializer=_start_worker, initargs=(settings,))
    with pool:
        in_flight: deque = deque()
        for unit in units:
            in_flight.append(pool.apply_async(_work, (unit,)))
            if len(in_flight) >= 2 * jobs:
                yield in_flight.popleft().get()
        while in_flight:
            yield in_flight.popleft().get()


@contextmanager
def _workers_ignore_ctrl_c() -> Iterator[None]:
    """Start worker processes deaf to Ctrl-C: the parent stops the pool.

    A worker only ignores SIGINT once its initializer runs; one pressed while it is still
    importing spaCy would print its traceback. Ignored here, the setting is inherited;
    blocked too, a Ctrl-C pressed meanwhile stays pending and reaches the parent as soon
    as the pool exists. The resource tracker is started first, since starting it unblocks
    SIGINT.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
