"""What the entx components share: surface-form matching and span bookkeeping."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from entx.knowledge import KnowledgeBase

_LETTER_SPACE = re.compile(r"(?<=[^\W\d]) (?=[^\W\d])")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})


def fold(text: str) -> str:
    """Lower case with one apostrophe, the form word lists are written in."""
    return text.translate(_APOSTROPHES).lower()


def fold_all(texts: list[str]) -> list[str]:
    """``fold`` of every token text, in one pass over their joined text: per token, the
    two string methods cost a weapons component a fifth of its time."""
    folded = fold("\0".join(texts)).split("\0")
    return folded if len(folded) == len(texts) else [fold(text) for text in texts]


def case_variants(form: str) -> set[str]:
    """How a knowledge-base form shows up in running text: as written, capitalised
    (sentence start, ``Kalachnikov``), upper case (headlines), each with a straight or a
    typographic apostrophe (French press mostly uses ``’``)."""
    cased = {form, form[:1].upper() + form[1:], form.upper()}
    # ``Super Étendard`` is also written ``Super-Étendard``; not the other way round,
    # since ``Charles de Gaulle`` is a man and ``Charles-de-Gaulle`` a carrier.
    cased |= {_LETTER_SPACE.sub("-", v) for v in cased}
    return cased | {v.replace("'", "’") for v in cased} | {v.replace("’", "'") for v in cased}


def pattern_tokenizer(nlp: Language) -> Tokenizer:
    """A copy of the pipeline's tokenizer for word lists, sharing its vocabulary.

    spaCy's tokenizer caches at most 10,000 chunks and never evicts one: tokenizing the
    knowledge bases' ~20,000 forms with the pipeline's own tokenizer would fill that cache
    with them and leave every word of running text uncached (measured: tokenizing 2.7x
    slower, ~5% of a whole run). The copy's cache is thrown away with it.
    """
    tokenizer = copy.copy(nlp.tokenizer)
    tokenizer.faster_heuristics = nlp.tokenizer.faster_heuristics  # not carried by the copy
    return tokenizer


def kb_matcher(nlp: Language, kb: KnowledgeBase, lowercase: bool = False) -> PhraseMatcher:
    """A matcher on exact token text whose match ids are the entries' names.

    Matching on ORTH, not LOWER, keeps ``rafale`` (a gust of wind) and ``milan`` (a
    kite) apart from ``Rafale`` and ``Milan``; the case variants cover the rest. With
    ``lowercase``, one-word names also match in lower case and in the plural (``une
    sten``, ``deux kalachnikovs``); the component decides from context whether such a
    match is a name.
    """
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    tokenizer = pattern_tokenizer(nlp)
    for entry in kb:
        forms = {v for form in entry.forms for v in case_variants(form)}
        if lowercase:
            # ``une sten``, ``deux kalachnikovs``: one-word names used as common nouns.
            words = [form.lower() for form in entry.forms if form.isalpha() and form not in entry.ambiguous]
            forms |= set(words) | {word + "s" for word in words}
        forms = sorted(forms)
        matcher.add(entry.name, list(tokenizer.pipe(forms)))
    return matcher


def token_texts(doc: Doc) -> list[str]:
    """Every token's text, read once per component: the rules look at every token, and
    plain strings are far cheaper to test again and again than spaCy Token objects."""
    return [token.text for token in doc]


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
