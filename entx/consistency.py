"""One document, one reading: the same name gets the same label and one canonical form.

The model decides token by token, so ``Poutine`` can be a person in one sentence and a
place in the next, and nothing tells a reader that it is the ``Vladimir Poutine`` of the
first paragraph. These rules run on a whole document's entities, after the pieces of a
long document are joined, so they see everything a reader sees.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

from entx.records import Entity

# Labels decided by the statistical model, where a majority vote within a document helps.
# WEAPON is decided by context on purpose (``la frégate Normandie`` sails past Normandy).
_VOTING = ("PER", "ORG", "LOC")


def harmonise(entities: list[Entity]) -> list[Entity]:
    entities = _link_people(entities)
    return _vote_labels(entities)


def _link_people(entities: list[Entity]) -> list[Entity]:
    """A surname alone points to the full name seen earlier (``Poutine`` → ``Vladimir
    Poutine``)."""
    full_names: dict[str, str] = {}
    linked = []
    for entity in entities:
        words = entity.text.split()
        if entity.label == "PER" and len(words) > 1:
            for size in range(1, len(words)):
                full_names.setdefault(" ".join(words[-size:]), entity.text)
            full_names.setdefault(entity.text, entity.text)
        # A surname the model called MISC becomes a person; one it called a place or an
        # organisation keeps that label (``Washington`` after ``George Washington``).
        if entity.label in ("PER", "MISC") and entity.text in full_names:
            entity = replace(entity, label="PER", canonical=full_names[entity.text])
        linked.append(entity)
    return linked


def _vote_labels(entities: list[Entity]) -> list[Entity]:
    votes: dict[str, Counter] = defaultdict(Counter)
    for entity in entities:
        if entity.label in _VOTING:
            votes[entity.text][entity.label] += 1
    decided = {}
    for text, counter in votes.items():
        (label, top), *rest = counter.most_common()
        if not rest or top > rest[0][1]:
            decided[text] = label
    return [replace(e, label=decided[e.text]) if e.label in _VOTING and e.text in decided else e for e in entities]
