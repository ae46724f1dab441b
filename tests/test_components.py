"""What the entx components share, and the span rules, on the real model."""

from __future__ import annotations

import dataclasses

import pytest

from entx.components.common import fold, fold_all, pattern_tokenizer
from entx.records import Entity

TRICKY = [
    "L’état-major d'aujourd'hui a reçu 12 Su-35S, des T-90M. et des Rafale-M.",
    "c'est-à-dire  « AMX-10 RCR » (2S19 Msta-S), Mk II ; l’OTAN… 1/33 Belfort",
    "ΣΟΦΟΣ İstanbul\tM. Dupont-Aignan, Saint-Pétersbourg, A.IV et Kh-101/102",
]


def test_pattern_tokenizer_tokenizes_like_the_pipeline(annotator):
    nlp = annotator.nlp
    copy = pattern_tokenizer(nlp)
    assert copy is not nlp.tokenizer and copy.vocab is nlp.vocab
    for text in TRICKY:
        assert [t.text for t in copy(text)] == [t.text for t in nlp.tokenizer(text)]


def test_pipeline_tokenizer_caches_running_text(annotator):
    """The pipeline's own cache is left to running text (the knowledge bases go through
    the copy above) and is large enough for the distinct words of a real corpus."""
    assert annotator.nlp.tokenizer.max_cache_size >= 100_000


@pytest.mark.parametrize("texts", [[], [""], ["L’OTAN", "ΣΟΦΟΣ", "İ", "a\0b", "\n\n", "Su-35S"]])
def test_fold_all_is_fold_of_each(texts):
    assert fold_all(texts) == [fold(t) for t in texts]


def test_entity_to_dict_has_every_field():
    entity = Entity("T-90M", "WEAPON", 3, 8, "T-90", "tank", "RU", "Des T-90M.")
    names = [f.name for f in dataclasses.fields(Entity)]
    assert list(entity.to_dict(context=True)) == names
    assert entity.to_dict(context=True) == dataclasses.asdict(entity)
    assert "sentence" not in entity.to_dict()


# Each text is one the model alone gets wrong (its spans are in the comment).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # [Kremlin  Moscou]: a name never runs over a line break or a space token.
        ("Le Kremlin  Moscou et  Berlin.", ["Kremlin", "Moscou", "Berlin"]),
        # [Le Pentagone]: an article capitalised only because a sentence starts there.
        ("Il a vu Marc Aubert\n\nLe Pentagone a répondu.", ["Marc Aubert", "Pentagone"]),
        # [M. Kerbrat], [Général Lemarchand]: titles stay outside a person's span.
        ("Selon M. Kerbrat, le Général Lemarchand a quitté Paris.", ["Kerbrat", "Lemarchand", "Paris"]),
        # [L'OTAN], [La Haye]: the elided article goes, the article of a place name stays.
        ("L'OTAN et l'ONU ont répondu à La Haye.", ["OTAN", "ONU", "La Haye"]),
        # [base de Saint-Dizier]: the head describes the place.
        ("Le ministère a débloqué des fonds pour la base de Saint-Dizier.", ["Saint-Dizier"]),
    ],
)
def test_span_rules(annotate, text, expected):
    assert [e.text for e in annotate(text) if e.label in ("PER", "ORG", "LOC")] == expected
