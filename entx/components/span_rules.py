"""``entx_span_rules``: bring the statistical model's spans to the rules of ANNOTATION.md.

fr_core_news_* were trained on WikiNER, whose spans keep articles, titles and descriptive
heads (``L'OTAN``, ``M. Rougemont``, ``État Rostec``) and which tags stray fragments
(``m’``). These are systematic, so they are fixed by general rules on every span rather
than by patches for particular names.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from entx.components.common import fold, set_entities
from entx.knowledge import load_lexicon, load_organisations

LEXICON = "span_rules.json"
PUNCT_EDGES = frozenset("«»\"'’‘“”()[]{}<>.,;:!?…–—-/\\*•·")


class SpanRules:
    def __init__(self, nlp: Language, name: str) -> None:
        words = load_lexicon(LEXICON)
        self.determiners = frozenset(words["determiners"])
        self.elisions = frozenset(words["elisions"])
        self.titles = frozenset(words["titles"])
        self.heads = frozenset(words["heads"])
        self.particles = frozenset(words["person_particles"])
        self.place_heads = frozenset(words["place_heads"])
        self.article_names = frozenset(words["article_names"])
        self.not_names = frozenset(words["not_names"])
        self.event_heads = frozenset(words["event_heads"])
        self.civil = re.compile("|".join(f"(?:{p})" for p in load_lexicon("weapon_context.json")["civil"]))
        self.organisations = load_organisations()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for ent in doc.ents:
            for part in _lines(ent):
                fixed = self.fix(part)
                if fixed is not None:
                    spans.append(fixed)
        set_entities(doc, spans)
        return doc

    def fix(self, span: Span) -> Span | None:
        doc, start, end, label = span.doc, span.start, span.end, span.label_
        # Trailing then leading punctuation, articles and elided determiners.
        while end > start and _is_punct(doc[end - 1].text):
            end -= 1
        while start < end and (_is_punct(doc[start].text) or self._is_determiner(doc[start])):
            start += 1
        if start < end - 1 and self._sentence_article(doc, start, end):
            start += 1
        if label == "PER":
            start = self._strip_titles(doc, start, end)
        elif start < end and doc[start].text.islower() and fold(doc[start].text) in self.titles:
            return None  # ``ministre des Armées`` names a function, not an organisation
        elif (
            end - start > 2
            and doc[start].text in self.place_heads
            and fold(doc[start + 1].text) in ("de", "du", "d'", "des")
        ):
            # ``la base de [Saint-Dizier]``, ``le port de [Conakry]``: the head describes
            # the place; ``mer Noire`` and ``avenue du Maréchal-Leclerc`` keep theirs.
            if doc[start + 2].text[:1].isupper():
                start += 2
        elif start < end and fold(doc[start].text) in self.heads and end - start > 1:
            rest = doc[start + 1 : end]
            if rest[0].text[:1].isupper() and (doc[start].text[:1].islower() or self.organisations.lookup(rest.text)):
                start += 1
        if start >= end:
            return None
        # Most spans need no change: keep them rather than build a new one.
        fixed = span if (start, end) == (span.start, span.end) else Span(doc, start, end, label=label)
        text = fixed.text
        if not any(map(str.isupper, text)) or fold(text) in self.not_names:
            return None  # a lone fragment (``m’``, ``l’impact``) or ``État`` is no name
        if start > 0 and fold(doc[start - 1].text) in self.event_heads:
            return None  # ``l'opération Irini``, ``le salon Eurosatory``: events, not scored
        if self._is_product(doc, text, end):
            return None  # ``un Airbus A350``, ``six Canadair CL-415``: civil products
        return fixed

    def _is_product(self, doc: Doc, text: str, end: int) -> bool:
        """A civil product (``Airbus A350``): ``text``, the span's text ending at token
        ``end``, alone or with the word after it."""
        if self.civil.search(text):
            return True
        return end < len(doc) and bool(self.civil.search(f"{text} {doc[end].text}"))

    def _sentence_article(self, doc: Doc, start: int, end: int) -> bool:
        """``Le Pentagone a débloqué``: an article capitalised only because it starts the
        sentence is not part of the name, unlike that of ``Le Havre`` or ``La Haye``."""
        token = doc[start]
        if token.text not in ("Le", "La", "Les") or doc[start:end].text in self.article_names:
            return False
        return (
            start == 0
            or doc[start - 1].text in (".", "!", "?", "«", '"', "—", ":")
            or "\n" in doc[start - 1].text_with_ws
        )

    def _is_determiner(self, token) -> bool:
        text = fold(token.text)
        if text in self.elisions:
            return True  # ``L'OTAN``: the elided article is never part of the name
        return text in self.determiners and token.text[:1].islower()

    def _strip_titles(self, doc: Doc, start: int, end: int) -> int:
        """Titles and functions stay outside a person's span: ``M. [Rougemont]``."""
        while start < end - 1 and fold(doc[start].text) in self.titles:
            following = doc[start + 1]
            if not (following.text[:1].isupper() or fold(following.text) in self.particles):
                break
            start += 1
        return start


def _lines(span: Span) -> list[Span]:
    """A name never runs across a line break: the model sometimes joins the end of one
    paragraph to the start of the next (``T-90M.⏎⏎L'OTAN``)."""
    text = span.text
    if text.isprintable() and "  " not in text:
        return [span]  # no line break and no space token: printable text has no other space than " "
    parts, start = [], span.start
    for token in span:
        if token.is_space or "\n" in token.text:
            if token.i > start:
                parts.append(Span(span.doc, start, token.i, label=span.label_))
            start = token.i + 1
    if start < span.end:
        parts.append(Span(span.doc, start, span.end, label=span.label_))
    return parts


def _is_punct(text: str) -> bool:
    return all(c in PUNCT_EDGES for c in text)


@Language.factory("entx_span_rules")
def make_span_rules(nlp: Language, name: str) -> SpanRules:
    return SpanRules(nlp, name)
