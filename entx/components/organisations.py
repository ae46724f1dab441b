"""``entx_organisations``: organisations from the knowledge base, with their canonical name.

The statistical model knows ``OTAN`` but reads ``NtechLab`` as a place and ``État Rostec``
as one MISC thing: defence companies, agencies and armed groups are rare in its training
text. A curated list fixes the label and the boundaries; names that are also ordinary
words or people (``Thales``, ``Wagner``) only relabel what the model already took for an
organisation, so the list never invents a company out of a philosopher.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from entx.components.common import fold, kb_matcher, override
from entx.knowledge import load_lexicon, load_organisations

_CONFIRMING_LABELS = frozenset({"ORG", "MISC"})


class OrganisationRuler:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.kb = load_organisations()
        self.matcher = kb_matcher(nlp, self.kb)
        self.heads = frozenset(load_lexicon("span_rules.json")["heads"])

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
        if found:
            override(doc, found)
        return doc

    def _confirmed(self, span: Span, overlapping: list[Span]) -> bool:
        """An ambiguous name is an organisation where the model or a head noun says so."""
        if any(e.label_ in _CONFIRMING_LABELS for e in overlapping):
            return True
        return span.start > 0 and fold(span.doc[span.start - 1].text) in self.heads


def _covers(outer: Span, inner: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and len(outer) > len(inner)


@Language.factory("entx_organisations")
def make_organisation_ruler(nlp: Language, name: str) -> OrganisationRuler:
    return OrganisationRuler(nlp, name)
