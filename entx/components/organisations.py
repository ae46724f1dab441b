"""``entx_organisations``: organisations from the knowledge base, with their canonical name.

The statistical model knows ``OTAN`` but reads ``NtechLab`` as a place and ``État Rostec``
as one MISC thing: defence companies, agencies and armed groups are rare in its training
text. A curated list fixes the label and the boundaries; names that are also ordinary
words or people (``Thales``, ``Wagner``) only relabel what the model already took for an
organisation, so the list never invents a company out of a philosopher.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from entx.components.common import fold, kb_matcher, override, token_texts
from entx.knowledge import load_lexicon, load_organisations

_CONFIRMING_LABELS = frozenset({"ORG", "MISC"})
_ORDINAL = re.compile(r"\d+(?:e|er|ère|re|ème|è)")


class OrganisationRuler:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.kb = load_organisations()
        self.matcher = kb_matcher(nlp, self.kb)
        words = load_lexicon("span_rules.json")
        self.heads = frozenset(words["heads"])
        self.cues = frozenset(words["organisation_cues"])
        self.unit_nouns = frozenset(words["unit_nouns"])
        self.unit_words = frozenset(words["unit_words"])

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        found = []
        for match_id, start, end in self.matcher(doc):
            entry = self.kb.entries[doc.vocab.strings[match_id]]
            span = Span(doc, start, end, label="ORG", kb_id=entry.name)
            overlapping = [e for e in ents if e.start < end and start < e.end]
            if any(_covers(e, span) and e.label_ in ("ORG", "PER") and e != span for e in overlapping):
                continue  # ``Airbus Helicopters``, ``Selçuk Bayraktar``: the longer name stands
            if span.text in entry.ambiguous and not self._confirmed(span, overlapping):
                continue
            found.append(span)
        found.extend(self._units(doc))
        if found:
            override(doc, found)
        return doc

    def _units(self, doc: Doc) -> list[Span]:
        """Military units are organisations (``la 2e division blindée``, ``le 1er régiment
        étranger de cavalerie``, ``la 93e brigade mécanisée Kholodny Yar``): an ordinal,
        a unit noun, then the words that qualify it."""
        units = []
        texts = token_texts(doc)
        for i, text in enumerate(texts[:-1]):
            if not text[:1].isdigit() or not _ORDINAL.fullmatch(text) or fold(texts[i + 1]) not in self.unit_nouns:
                continue
            token = doc[i]
            end = token.i + 2
            while end < len(doc):
                word = fold(doc[end].text)
                if word in self.unit_words or (word.endswith(("ée", "é", "ale", "aire")) and doc[end].text.islower()):
                    end += 1
                elif doc[end].text[:1].isupper() and doc[end].is_alpha:
                    end += 1  # the unit's name: ``Kholodny Yar``
                else:
                    break
            while end > token.i + 2 and fold(doc[end - 1].text) in ("de", "d'", "du", "des", "et", "la", "l'"):
                end -= 1
            units.append(Span(doc, token.i, end, label="ORG"))
        return units

    def _confirmed(self, span: Span, overlapping: list[Span]) -> bool:
        """An ambiguous name is an organisation where the model says so, or a head noun
        (``le groupe Wagner``), or words about companies and armed groups nearby
        (``développé par Kronstadt``, ``les mercenaires de Wagner``)."""
        if any(e.label_ in _CONFIRMING_LABELS for e in overlapping):
            return True
        doc = span.doc
        if span.start > 0 and fold(doc[span.start - 1].text) in self.heads:
            return True
        window = doc[max(0, span.start - 6) : min(len(doc), span.end + 6)]
        return any(fold(t.text) in self.cues for t in window if not (span.start <= t.i < span.end))


def _covers(outer: Span, inner: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and len(outer) > len(inner)


@Language.factory("entx_organisations")
def make_organisation_ruler(nlp: Language, name: str) -> OrganisationRuler:
    return OrganisationRuler(nlp, name)
