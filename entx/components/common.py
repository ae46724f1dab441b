"""What the entx components share: surface-form matching and span bookkeeping."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from entx.knowledge import KnowledgeBase

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})


def fold(text: str) -> str:
    """Lower case with one apostrophe, the form word lists are written in."""
    return text.translate(_APOSTROPHES).lower()


def case_variants(form: str) -> set[str]:
    """How a knowledge-base form shows up in running text: as written, capitalised
    (sentence start, ``Kalachnikov``), upper case (headlines), each with a straight or a
    typographic apostrophe (French press mostly uses ``’``)."""
    cased = {form, form[:1].upper() + form[1:], form.upper()}
    return cased | {v.replace("'", "’") for v in cased} | {v.replace("’", "'") for v in cased}


def kb_matcher(nlp: Language, kb: KnowledgeBase) -> PhraseMatcher:
    """A matcher on exact token text whose match ids are the entries' names.

    Matching on ORTH, not LOWER, keeps ``rafale`` (a gust of wind) and ``milan`` (a
    kite) apart from ``Rafale`` and ``Milan``; the case variants cover the rest.
    """
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    for entry in kb:
        forms = sorted({v for form in entry.forms for v in case_variants(form)})
        matcher.add(entry.name, list(nlp.tokenizer.pipe(forms)))
    return matcher


def set_entities(doc: Doc, spans: Iterable[Span]) -> None:
    doc.ents = filter_spans(spans)


def override(doc: Doc, spans: list[Span]) -> None:
    """Put ``spans`` in ``doc.ents``, dropping the existing entities they overlap."""
    spans = filter_spans(spans)
    taken = set()
    for span in spans:
        taken.update(range(span.start, span.end))
    kept = [e for e in doc.ents if not taken.intersection(range(e.start, e.end))]
    doc.ents = sorted(kept + spans, key=lambda s: s.start)
