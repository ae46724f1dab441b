"""``entx_weapons``: weapon systems, the label no stock French model has.

Three kinds of evidence, from the most to the least certain:

1. the knowledge base (``data/weapons.jsonl``), variants included: ``T-90M`` is a
   ``T-90``, ``Leopard 2A6`` a ``Leopard 2``;
2. the words around a name: ``le char X``, ``des drones X``, ``la frégate X``,
   ``le missile hypersonique X`` make ``X`` a weapon even if entx has never heard of it;
3. the shape of military designations: a known designation prefix (``Su-``, ``BMP-``,
   ``2S``, ``AGM-``) or a known family (``Shahed-``, ``Hwasong-``) followed by a number.

Names that are also ordinary words, people or places (``Rafale``, ``Caesar``, ``Tigre``,
``Leclerc``) are marked ambiguous in the knowledge base and need context. WEAPON spans
replace whatever the statistical model put on the same words (usually MISC, or ORG for
``Rafale``), except where the model found a longer person or place the name is part of
(``Georges-Louis Leclerc de Buffon``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.attrs import IS_PUNCT, IS_SPACE, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span

from entx.components.common import fold, fold_all, kb_matcher, override, pattern_tokenizer, token_texts
from entx.knowledge import Entry, KnowledgeBase, load_lexicon, load_organisations, load_weapons, normalise

LEXICON = "weapon_context.json"
_GLUE_BREAKERS = frozenset(',;:!?()[]{}«»"“”…')
# What may follow a system's name as its variant (``2A6``, ``M``, ``MkII``, ``III``); the
# variant words (``NG``, ``XLR``, ``Marine``) are data, in weapon_context.json.
_VARIANT = re.compile(r"\d[\dA-Za-z]*(?:[-./]\w+)*|[A-Z]\d*|Mk ?[IVX\d]+|I{2,3}|IV|V?I{1,3}|A\d+\w*")
_DESIGNATOR = re.compile(
    r"(?P<prefix>[A-Za-zÀ-ÿ]+|\d[A-Z])(?P<sep>[-\u2011 ]?)(?P<number>\d{1,4})"
    r"(?P<suffix>[A-Za-z0-9]{0,6}(?:[-/][A-Za-z0-9]+)*)"
)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_ROMAN_DESIGNATION = re.compile(r"[A-Z]{1,2}\.[IVX]+")
_MAKER_DESIGNATION = re.compile(r"(?:[A-Z]{1,4}[.-]?)?\d{1,4}(?:[.-]\d+)?[A-Za-z]{0,3}|" + _ROMAN_DESIGNATION.pattern)
_CATEGORY_EXT = "entx_category"

if not Span.has_extension(_CATEGORY_EXT):
    # The category of a recognised system that the knowledge base does not know
    # (guessed from ``le char X``); known systems take theirs from the knowledge base.
    Span.set_extension(_CATEGORY_EXT, default=None)


class WeaponRecognizer:
    """The component; its word lists come from ``weapon_context.json`` and
    ``span_rules.json``, its systems from the knowledge base and any gazetteers."""

    def __init__(self, nlp: Language, name: str, gazetteers: list[str] | None = None) -> None:
        self.name = name
        self.kb: KnowledgeBase = load_weapons(gazetteers or ())
        self.matcher = kb_matcher(nlp, self.kb, lowercase=True)
        words = load_lexicon(LEXICON)
        tokenizer = pattern_tokenizer(nlp)
        self.triggers = {
            tuple(fold(t.text) for t in tokenizer(phrase)): category for phrase, category in words["triggers"].items()
        }
        self.trigger_starts = {key[0] for key in self.triggers}
        self.longest_trigger = max(len(key) for key in self.triggers)
        self.modifiers = frozenset(fold(w) for w in words["modifiers"] + words["nationalities"])
        self.adjective_suffixes = tuple(words["adjective_suffixes"])
        self.stops = frozenset(fold(w) for w in words["stop_after_trigger"])
        self.cues = frozenset(fold(w) for w in words["military_cues"])
        self.non_weapon_heads = frozenset(fold(w) for w in words["non_weapon_heads"])
        self.civil = re.compile("|".join(f"(?:{p})" for p in words["civil"]))
        self.determiners = frozenset(words["weapon_determiners"]) | frozenset(words["quantifiers"])
        self.titles = frozenset(load_lexicon("span_rules.json")["titles"])
        self.naming = frozenset(words["naming_words"])
        self.variant_words = frozenset(words["variant_words"])
        # A weapon named after its maker (``Kalachnikov``, ``Browning``) needs context.
        self.maker_names = frozenset(normalise(form) for entry in load_organisations() for form in entry.forms)
        self.makers = self._makers() | frozenset(words["makers"])
        # Companies also name designs by a number (``Latécoère 290``), never alone.
        self.number_makers = self.makers | {
            e.name for e in load_organisations() if e.kind == "company" and " " not in e.name
        }
        self.prefixes = frozenset(words["designator_prefixes"])
        self.stems = self._stems()

    # -- knowledge ------------------------------------------------------------------
    def _makers(self) -> frozenset[str]:
        """Single words that name a maker in front of a designation (``Junkers Ju 88``)."""
        words = set()
        for entry in self.kb:
            for word in re.split(r"[\s/(),]+", entry.maker):
                if word[:1].isupper() and len(word) > 2 and word.replace("-", "").isalpha():
                    words.add(word)
        return frozenset(words)

    def _stems(self) -> frozenset[str]:
        """Families named by a word and a number: ``Shahed-136`` makes ``Shahed-238`` one."""
        stems = set()
        for entry in self.kb:
            for form in entry.forms:
                m = re.fullmatch(r"([A-Za-zÀ-ÿ]{3,})[- ]\d{1,4}[A-Za-z]*", form)
                if m and form not in entry.ambiguous:
                    stems.add(fold(m.group(1)))
        return frozenset(stems)

    # -- the component --------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        texts = token_texts(doc)
        if _split_final_periods(doc, texts):
            texts = token_texts(doc)
        folded = fold_all(texts)
        words = list(_glued_words(doc, texts))
        certain: list[tuple[Span, str | None]] = []
        ents = list(doc.ents)  # read once: each ``doc.ents`` walks the whole document
        by_start = {e.start: e for e in ents}
        certain.extend(self._from_triggers(doc, folded, by_start))
        certain.extend(self._from_shapes(doc, texts, words, by_start))
        doubtful = []
        for span, category, sure in self._from_knowledge(doc, ents, by_start):
            (certain if sure else doubtful).append((span, category))
        named = list(self._from_naming(doc, folded, by_start))
        # An ambiguous name (``Rafale``, ``Milan``) is a weapon where the sentence speaks
        # of military things, and another weapon in it is the best evidence of that.
        certain.extend(self._nicknames(doc, [span for span, _ in certain]))
        anchors = [span for span, _ in certain]
        undecided = []
        for item in doubtful:
            (certain if self._context(doc, item[0].start, item[0].end, anchors) else undecided).append(item)
        # One sense per document: a name confirmed as a weapon in one sentence is one in
        # the next (``les canons Caesar… douze Caesar supplémentaires``).
        confirmed = {span.text for span, _ in certain}
        certain.extend(
            item for item in undecided if item[0].text in confirmed and self._used_as_noun(doc, item[0].start)
        )
        certain.extend(item for item in named if self._military_sentence(doc, item[0].start, item[0].end, anchors))
        spans = []
        for span, category in certain:
            if self.civil.search(span.text) and self.kb.lookup(span.text) is None:
                continue
            entry = self.kb.resolve(span.text)
            if entry is None and len(span) > 1 and span[0].text in self.makers:
                entry = self.kb.resolve(span[1:].text)  # ``Tupolev Tu-22M3`` is a ``Tu-22M``
            weapon = Span(doc, span.start, span.end, label="WEAPON", kb_id=entry.name if entry else "")
            weapon._.set(_CATEGORY_EXT, entry.kind if entry else category)
            spans.append(weapon)
        if spans:
            override(doc, spans)
        return doc

    def _from_knowledge(self, doc: Doc, ents: list[Span], by_start: dict) -> Iterator[tuple[Span, str, bool]]:
        """Knowledge-base names, with whether they are certain or need context."""
        for match_id, start, end in self.matcher(doc):
            entry = self.kb.entries[doc.vocab.strings[match_id]]
            form = doc[start:end].text
            new_end = self._extend_variant(doc, end)
            new_start = self._extend_maker(doc, start)
            extended = new_end != end or new_start != start
            inside = any(
                e.label_ in ("PER", "LOC", "ORG") and e.start <= start and end <= e.end and len(e) > end - start
                for e in ents
            )
            if (inside and not extended) or self._after_non_weapon(doc, new_start):
                continue  # part of a longer name the model found: ``Selçuk Bayraktar``
            # A one-word name the model read as a place or a person (``la réserve de
            # Termit``) needs the same context as an ambiguous one.
            as_name = (
                end - start == 1
                and not any(c.isdigit() for c in form)
                and (ent := by_start.get(start)) is not None
                and ent.end == end
                and ent.label_ in ("LOC", "PER")
            )
            maker = normalise(form) in self.maker_names
            if form.islower():
                # ``une sten``, ``deux kalachnikovs``: a name turned common noun is the
                # weapon, once a determiner shows it is used as a noun.
                before = fold(doc[start - 1].text) if start else ""
                sure = before in self.determiners or before.isdigit()
                if not sure:
                    continue
            else:
                sure = extended or not (_is_ambiguous(entry, form) or as_name or maker)
            yield Span(doc, new_start, new_end), entry.kind, sure

    def _nicknames(self, doc: Doc, weapons: list[Span]) -> Iterator[tuple[Span, None]]:
        """``le Ka-52 « Alligator »``: a quoted name right after a weapon is its nickname."""
        for span in weapons:
            k = span.end
            if k + 2 < len(doc) and doc[k].text in ("«", '"', "“") and doc[k + 1].text[:1].isupper():
                name_end = k + 2
                while name_end < len(doc) and name_end - k < 4 and doc[name_end].text not in ("»", '"', "”"):
                    name_end += 1
                if name_end < len(doc) and doc[name_end].text in ("»", '"', "”"):
                    yield doc[k + 1 : name_end], None

    def _from_naming(self, doc: Doc, folded: list[str], by_start: dict) -> Iterator[tuple[Span, None]]:
        """``surnommés Stuka``, ``baptisée Veles-4``: a name given to something; a weapon
        where the sentence is about weapons."""
        for i, word in enumerate(folded):
            if word in self.naming and i + 1 < len(doc):
                j = i + 1
                while j < len(doc) and doc[j].text in ("«", '"', "“"):
                    j += 1
                if j < len(doc):
                    name = self._name_at(doc, j, by_start)
                    if name is not None:
                        yield name, None

    def _from_shapes(
        self, doc: Doc, texts: list[str], words: list[tuple[int, int]], by_start: dict
    ) -> Iterator[tuple[Span, None]]:
        """Designations read from their shape, in the runs of glued tokens (``words``)."""
        for index, (start, end) in enumerate(words):
            joined = "".join(texts[start:end])
            if not (_DIGIT.search(joined) or _ROMAN_DESIGNATION.fullmatch(joined)):
                continue
            text = joined  # a run has no space inside: its tokens' texts make its text
            # ``Type 052D``, ``Ju 88``: a prefix word followed by its number.
            if index > 0 and text[:1].isdigit():
                prev_start, prev_end = words[index - 1]
                if prev_end == start and doc[prev_end - 1].whitespace_:
                    joined = doc[prev_start:end].text
                    if self._is_designator(joined):
                        yield (
                            Span(doc, self._extend_maker(doc, prev_start), self._extend_name(doc, end, by_start)),
                            None,
                        )
                        continue
            if self._after_non_weapon(doc, start):
                continue  # ``le moteur F135``: a component, not a weapon
            if self._is_designator(text):
                yield Span(doc, self._extend_maker(doc, start), self._extend_name(doc, end, by_start)), None
            elif (
                start > 0
                and doc[start - 1].text in self.number_makers
                and _MAKER_DESIGNATION.fullmatch(text)
                and not _YEAR.fullmatch(text)
            ):
                # ``Latécoère 290``, ``Dewoitine D.520``: a maker's name and a designation.
                yield Span(doc, start - 1, self._extend_variant(doc, end)), None

    def _from_triggers(self, doc: Doc, folded: list[str], by_start: dict) -> Iterator[tuple[Span, str | None]]:
        """Names after (or set off before) a noun that says what they are: ``le char X``."""
        i, n = 0, len(doc)
        while i < n:
            if folded[i] not in self.trigger_starts:
                i += 1
                continue
            category, after = None, i
            for size in range(min(self.longest_trigger, n - i), 0, -1):
                key = tuple(folded[i : i + size])
                if key in self.triggers:
                    category, after = self.triggers[key], i + size
                    break
            if after == i or self._after_non_weapon(doc, i, through_de=True):
                # ``l'escadron de drones 1/33 Belfort`` names a unit, not a drone.
                i += 1
                continue
            appositive = self._appositive(doc, i)
            if appositive is not None:
                yield appositive, category
            plural = fold(doc[after - 1].text).endswith(("s", "x"))
            j = self._skip_modifiers(doc, after)
            while j < n:
                name = self._name_at(doc, j, by_start)
                if name is None:
                    break
                yield name, category
                # ``les frégates Normandie et Bretagne``: a list after a plural noun.
                k = name.end
                if plural and k + 1 < n and doc[k].text in (",", "et", "ou"):
                    j = k + 1
                    continue
                break
            i = max(i + 1, j)

    # -- pieces ---------------------------------------------------------------------
    def _appositive(self, doc: Doc, trigger: int) -> Span | None:
        """``Le Kniaz Pojarski, huitième sous-marin de classe Boreï``: a name set off by
        a comma before the noun that says what it is. The name must itself follow an
        article or a quote, so that ``À Kiev, les drones...`` names no drone."""
        k = trigger - 1
        while k >= 0 and trigger - k <= 4 and self._describes(fold(doc[k].text)):
            k -= 1
        if k < 1 or doc[k].text != ",":
            return None
        end = k
        while end > 0 and doc[end - 1].text in ("»", '"', "”"):
            end -= 1
        start = end
        while (
            start > 0
            and end - start < 4
            and fold(doc[start - 1].text) not in self.determiners
            and (doc[start - 1].text[:1].isupper() or (not doc[start - 1].whitespace_ and start < end))
        ):
            start -= 1
        if start == end or start == 0:
            return None
        if fold(doc[start - 1].text) not in ("le", "la", "les", "l'", "un", "une", "«", '"', "“"):
            return None
        return doc[start:end]

    def _describes(self, word: str) -> bool:
        """Words between the comma and the noun of an apposition (``le plus grand``)."""
        return (
            word in self.determiners
            or word in self.modifiers
            or word.endswith("ième")
            or word in ("plus", "grand", "grande", "petit", "petite", "seul", "seule")
        )

    def _skip_modifiers(self, doc: Doc, j: int) -> int:
        """Past the adjectives and complements of a trigger noun (``hypersonique``,
        ``de croisière``, ``russes``) to where its name starts."""
        n, start = len(doc), j
        while j < n and j - start < 6:
            word = fold(doc[j].text)
            if word in self.stops:
                break
            glued_hyphen = word == "-" and not doc[j].whitespace_ and j > start and not doc[j - 1].whitespace_
            if (
                word in self.modifiers
                or word.isdigit()
                or glued_hyphen
                or (
                    word.isalpha()
                    and doc[j].text.islower()
                    and word.endswith(self.adjective_suffixes)
                    and len(word) > 4
                )
            ):
                j += 1
                continue
            break
        # Never end on a bare ``de``: ``les chars de Russie`` names no tank.
        while j > start and fold(doc[j - 1].text) in ("de", "d'", "à", "et"):
            j -= 1
        return j

    def _name_at(self, doc: Doc, j: int, by_start: dict) -> Span | None:
        """The name after a trigger: capitalised words or a designation, as one span."""
        first = doc[j]
        if not (first.text[:1].isupper() or re.match(r"\d+[A-Za-z]", first.text)):
            return None  # a name, or a designation such as ``2S19``; not ``1/33``
        if first.is_punct or fold(first.text) in self.modifiers:
            return None
        end = j + 1
        while end < len(doc) and end - j < 5:
            token, before = doc[end], doc[end - 1]
            if before.text.endswith(".") and not _INITIAL.fullmatch(before.text):
                break  # ``Seaquest-M. La Marine...``: the sentence ended
            glued = not before.whitespace_ and not token.is_punct and token.text not in _GLUE_BREAKERS
            hyphen = (
                token.text in ("-", "/") and not before.whitespace_ and end + 1 < len(doc) and not token.whitespace_
            )
            if glued or hyphen or (token.text[:1].isupper() and not token.is_punct) or _VARIANT.fullmatch(token.text):
                end += 1
                continue
            break
        while end > j + 1 and (doc[end - 1].is_punct and doc[end - 1].text not in (".",)):
            end -= 1
        # ``le porte-avions Charles de Gaulle``: a name the model found, particles included.
        ent = by_start.get(j)
        if (
            ent is not None
            and ent.end > end
            and ent.label_ in ("PER", "LOC", "MISC")
            and all(t.text[:1].isupper() or fold(t.text) in ("de", "d'", "du", "la", "le") for t in doc[end : ent.end])
        ):
            end = ent.end
        span = doc[j:end]
        if span.text.endswith(".") and not re.search(r"\b[A-Z]\.$", span.text):
            span = doc[j : end - 1] if end - 1 > j else None
        return span

    def _after_non_weapon(self, doc: Doc, start: int, through_de: bool = False) -> bool:
        """Whether the words before ``start`` make it a component, a unit or an engine."""
        before = start - 1
        if through_de and before > 0 and fold(doc[before].text) in ("de", "d'", "des"):
            before -= 1
        if before < 0 or fold(doc[before].text) not in self.non_weapon_heads:
            return False
        # ``un avion radar A-50U``: the head is an attribute of a weapon noun.
        return not (before > 0 and (fold(doc[before - 1].text),) in self.triggers)

    def _extend_variant(self, doc: Doc, end: int) -> int:
        """``T-90`` + ``M``, ``Caesar`` + ``MkII``, ``Crotale`` + ``NG``, ``Mistral`` + ``3``."""
        n = len(doc)
        while end < n:
            before, token = doc[end - 1], doc[end]
            if not before.whitespace_ and (
                token.text.isalnum()
                or (token.text == "-" and end + 1 < n and not token.whitespace_ and doc[end + 1].text.isalnum())
            ):
                end += 2 if token.text == "-" else 1
                continue
            if (
                before.whitespace_
                and (_VARIANT.fullmatch(token.text) or token.text in self.variant_words)
                and not _YEAR.fullmatch(token.text)
            ):
                end += 1
                continue
            # ``Hotchkiss modèle 1914``: the French way of naming a model year.
            if fold(token.text) in ("modèle", "mle") and end + 1 < n and doc[end + 1].text.isdigit():
                end += 2
                continue
            break
        return end

    def _extend_maker(self, doc: Doc, start: int) -> int:
        """``Junkers Ju 88``, ``Dassault Rafale``: the maker written as part of the name."""
        while start > 0 and doc[start - 1].text in self.makers and doc[start - 1].whitespace_:
            start -= 1
        return start

    def _extend_name(self, doc: Doc, end: int, by_start: dict) -> int:
        """``BM-27 Uragan``, ``MQ-9 Reaper``: a designation followed by its name."""
        end = self._extend_variant(doc, end)
        if end < len(doc) and doc[end - 1].whitespace_:
            token = doc[end]
            if token.text[:1].isupper() and token.text.isalpha() and len(token.text) > 2 and not token.text.isupper():
                word_end = self._extend_variant(doc, end + 1)
                # The model often reads ``Msta-S`` or ``Grad`` as a person or a place; a
                # longer name it found there (``Vladimir Poutine``) is left alone.
                if end not in by_start or by_start[end].end <= word_end:
                    end = word_end
        return end

    def _is_designator(self, text: str) -> bool:
        """A military designation: a known prefix (``Su-``, ``2S``) or family (``Shahed-``)
        and a number."""
        m = _DESIGNATOR.fullmatch(text)
        if not m:
            return False
        prefix, sep = m.group("prefix"), m.group("sep")
        if sep == " " and _YEAR.fullmatch(m.group("number")):
            return False  # ``mars 2024``, ``Zapad 2021``
        if prefix in self.prefixes:
            # ``A4`` or ``M6`` without a hyphen are paper sizes and roads, not weapons.
            return bool(sep) or len(prefix) > 1 or len(m.group("number")) >= 3
        return prefix[:1].isupper() and fold(prefix) in self.stems and (bool(sep) or len(prefix) > 2)

    def _context(self, doc: Doc, start: int, end: int, anchors: list[Span]) -> bool:
        """Whether an ambiguous name (``Rafale``, ``Caesar``) is used as a weapon here.

        It must be used as a noun with a determiner or a number (``les Caesar``, ``24
        Rafale``), not after a title (``le général Leclerc``), in a sentence that speaks
        of military things or names another weapon.
        """
        return self._used_as_noun(doc, start) and self._military_sentence(doc, start, end, anchors)

    def _used_as_noun(self, doc: Doc, start: int) -> bool:
        """After a determiner or a number, and not after a title (``le général Leclerc``)."""
        if start == 0:
            return False
        before = fold(doc[start - 1].text)
        if before in self.titles or not (before in self.determiners or before.isdigit()):
            return False
        return not (start > 1 and fold(doc[start - 2].text) in self.titles)

    def _military_sentence(self, doc: Doc, start: int, end: int, anchors: list[Span]) -> bool:
        left, right = _sentence_bounds(doc, start, end)
        if any(left <= a.start < right and not (a.start <= start < a.end) for a in anchors):
            return True
        return any(fold(t.text) in self.cues for t in doc[left:right] if t.i < start or t.i >= end)


def _is_ambiguous(entry: Entry, form: str) -> bool:
    return any(form.lower() == a.lower() for a in entry.ambiguous)


_INITIAL = re.compile(r"[A-Z]\.")
_DIGIT = re.compile(r"\d")
_FINAL_PERIOD = re.compile(r"[A-Z0-9][A-Za-z0-9/-]*\.")


def _split_final_periods(doc: Doc, texts: list[str]) -> bool:
    """Detach the period the tokenizer leaves on ``Seaquest-M.`` or ``25M.`` at the end
    of a sentence, so that the designation can be a span of its own."""
    targets = []
    for i, text in enumerate(texts):
        if not text.endswith(".") or not _FINAL_PERIOD.fullmatch(text):
            continue
        glued = i > 0 and not doc[i - 1].whitespace_ and (texts[i - 1] == "-" or not doc[i - 1].is_punct)
        if not (glued or (_DIGIT.search(text) and not _INITIAL.fullmatch(text))):
            continue  # ``F. N.`` and ``M. Dupont`` keep their initials
        if i == len(texts) - 1 or texts[i + 1][:1].isupper() or doc[i + 1].is_space:
            targets.append(doc[i])
    if targets:
        with doc.retokenize() as retokenizer:
            for token in targets:
                retokenizer.split(token, [token.text[:-1], "."], heads=[(token, 0), (token, 0)])
    return bool(targets)


def _sentence_bounds(doc: Doc, start: int, end: int, reach: int = 40) -> tuple[int, int]:
    left = start
    while left > 0 and start - left < reach and doc[left - 1].text not in (".", "!", "?"):
        left -= 1
    right = end
    while right < len(doc) and right - end < reach and doc[right].text not in (".", "!", "?"):
        right += 1
    return left, right


def _glued_words(doc: Doc, texts: list[str]) -> Iterator[tuple[int, int]]:
    """Runs of tokens written without a space (``T-90`` ``M``, ``Msta`` ``-`` ``S``),
    the unit a designation is read in; elisions and punctuation end a run."""
    flags = doc.to_array([IS_SPACE, IS_PUNCT, SPACY]).tolist() if len(doc) else []
    start = None
    last = len(doc) - 1
    for i, ((is_space, is_punct, spaced), text) in enumerate(zip(flags, texts)):
        word_like = not (is_space or text in _GLUE_BREAKERS or (is_punct and text not in ("-", "/", ".")))
        if start is None:
            if word_like and text not in ("-", "/", "."):
                start = i
            else:
                continue
        if not word_like:
            yield _trim_run(texts, start, i)
            start = None
            continue
        if text.endswith(("'", "’")):
            if i > start:
                yield _trim_run(texts, start, i)
            start = None
        elif spaced or i == last:
            yield _trim_run(texts, start, i + 1)
            start = None
    if start is not None:
        yield _trim_run(texts, start, len(doc))


def _trim_run(texts: list[str], start: int, end: int) -> tuple[int, int]:
    while end > start + 1 and texts[end - 1] in ("-", "/", "."):
        end -= 1
    return start, end


@Language.factory("entx_weapons", default_config={"gazetteers": []})
def make_weapon_recognizer(nlp: Language, name: str, gazetteers: list[str]) -> WeaponRecognizer:
    return WeaponRecognizer(nlp, name, gazetteers)
