"""The data files shipped in entx/data: knowledge bases and word lists are code too."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from entx.knowledge import (
    ORGANISATION_KINDS,
    WEAPON_CATEGORIES,
    KnowledgeBase,
    KnowledgeBaseError,
    data_path,
    load_lexicon,
    load_organisations,
    load_weapons,
    normalise,
)

PRODUCERS = ["SU", "RU", "UA", "US", "FR", "GB", "DE", "IT", "SE", "IL", "TR", "IR", "CN", "KP", "KR", "IN"]


def records(name: str) -> list[dict]:
    with data_path(name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def test_weapon_knowledge_base_is_valid_and_broad():
    kb = load_weapons()  # raises on duplicate names, shared forms, bad categories
    assert len(kb) >= 500
    countries = Counter(entry.country for entry in kb)
    for country in PRODUCERS:
        assert countries[country] >= 5, country
    assert {entry.kind for entry in kb} == WEAPON_CATEGORIES


def test_weapon_file_fields_are_exactly_the_documented_ones():
    for record in records("weapons.jsonl"):
        assert list(record) == ["name", "aliases", "category", "country", "maker", "ambiguous"], record["name"]


def test_no_form_is_claimed_by_two_systems():
    owners: dict[str, str] = {}
    for record in records("weapons.jsonl"):
        for form in {record["name"], *record["aliases"]}:
            key = normalise(form)
            assert owners.setdefault(key, record["name"]) == record["name"], (form, owners[key])


def test_no_alias_starts_with_a_generic_noun():
    """``classe Kilo`` as an alias would put the generic noun inside the span."""
    generic = {fold for fold in load_lexicon("weapon_context.json")["triggers"] if " " not in fold}
    for record in records("weapons.jsonl"):
        for alias in record["aliases"]:
            first = alias.split()[0]
            assert not (len(alias.split()) > 1 and first in generic), (record["name"], alias)


def test_designations_with_digits_and_common_nouns_are_never_ambiguous():
    """``T-90`` is always a tank; ``kalachnikov`` in lower case is always the rifle."""
    for record in records("weapons.jsonl"):
        assert not [f for f in record["ambiguous"] if any(c.isdigit() for c in f) or f == f.lower()], record["name"]


def test_organisation_knowledge_base_is_valid():
    kb = load_organisations()
    assert len(kb) >= 300
    assert {entry.kind for entry in kb} <= ORGANISATION_KINDS
    for name in ("Rostec", "NtechLab", "Wagner", "Dassault Aviation", "KNDS", "OTAN", "AIEA", "ONU"):
        assert kb.lookup(name) is not None, name


def test_lexicons_are_well_formed():
    context = load_lexicon("weapon_context.json")
    assert set(context["triggers"].values()) - {None} <= WEAPON_CATEGORIES
    for key in (
        "modifiers",
        "nationalities",
        "military_cues",
        "designator_prefixes",
        "civil",
        "quantifiers",
        "non_weapon_heads",
    ):
        values = context[key]
        assert values and all(isinstance(v, str) and v.strip() == v for v in values), key
    spans = load_lexicon("span_rules.json")
    for key in ("determiners", "elisions", "titles", "heads", "person_particles"):
        assert all(v == v.lower() for v in spans[key]), key
    for lexicon in (context, spans):
        for key, values in lexicon.items():
            if isinstance(values, list):
                repeated = sorted({v for v in values if values.count(v) > 1})
                assert not repeated, f"{key}: {repeated} listed twice"


@pytest.mark.parametrize(
    "line, message",
    [
        ('{"name": "X-1", "aliases": [], "category": "spaceship", "country": "FR"}', "category"),
        ('{"name": "X-1", "aliases": "X1", "category": "tank", "country": "FR"}', "aliases"),
        ('{"name": "X-1", "aliases": [], "category": "tank", "country": "France"}', "country"),
        ('{"name": "X-1", "aliases": [], "category": "tank", "country": "FR", "ambiguous": ["Y"]}', "ambiguous"),
        ("not json", "not JSON"),
        ('{"name": "T-90 bis", "aliases": ["T90"], "category": "tank", "country": "RU"}', "claims a form"),
    ],
)
def test_gazetteer_errors_name_the_line(tmp_path, line, message):
    path = tmp_path / "mine.jsonl"
    path.write_text(
        '{"name": "Zorg-7", "aliases": [], "category": "drone", "country": "FR"}\n' + line + "\n", encoding="utf-8"
    )
    with pytest.raises(KnowledgeBaseError) as error:
        load_weapons([path])
    assert f"{path}:2" in str(error.value) and message in str(error.value)


def test_resolve_groups_variants_under_their_system():
    kb = load_weapons()
    assert kb.resolve("T-90M").name == kb.resolve("T90").name == kb.resolve("T-90").name
    assert kb.resolve("Leopard 2A6").name == kb.resolve("Léopard 2").name
    assert kb.resolve("F-161") is None or kb.resolve("F-161").name != kb.resolve("F-16").name


def test_knowledge_base_refuses_a_form_claimed_twice():
    from entx.knowledge import Entry

    kb = KnowledgeBase([Entry("T-90", ("T90",), "tank", "RU")])
    with pytest.raises(KnowledgeBaseError):
        kb.add(Entry("T 90 bis", ("t-90",), "tank", "RU"))
