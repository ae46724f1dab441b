"""WEAPON recognition on sentences written for these tests, with the real model.

Each case is a kind of evidence or a kind of trap; together they say what a defence
analyst expects, not what one sentence happens to give.
"""

from __future__ import annotations

import pytest


def weapons(entities) -> list[str]:
    return [e.text for e in entities if e.label == "WEAPON"]


def labels(entities) -> dict[str, str]:
    return {e.text: e.label for e in entities}


@pytest.mark.parametrize(
    "text, expected",
    [
        # knowledge base, with variants grouped under their system
        ("Les T-72B3 et les T-90M ont été repérés près de Koupiansk.", ["T-72B3", "T-90M"]),
        ("Kiev a reçu des Leopard 2A6 et des IRIS-T SLM.", ["Leopard 2A6", "IRIS-T SLM"]),
        # context: systems the knowledge base does not know
        ("Le drone d'attaque Zorvak-9 a été présenté à Abou Dhabi.", ["Zorvak-9"]),
        ("La frégate Vendémiaire a escorté le pétrolier jusqu'à Djibouti.", ["Vendémiaire"]),
        ("Le missile hypersonique Tsirkon a été tiré depuis la mer Blanche.", ["Tsirkon"]),
        # shape: designations and families with a new number
        ("Des Su-57 et des MiG-31K ont décollé de la base.", ["Su-57", "MiG-31K"]),
        ("L'Iran a dévoilé le Shahed-238 et le Fateh-360.", ["Shahed-238", "Fateh-360"]),
        # the maker inside the name, the generic noun outside
        ("Les bombardiers Junkers Ju 87 attaquaient les colonnes.", ["Junkers Ju 87"]),
        ("Les obusiers 2S19 Msta-S ont été déployés.", ["2S19 Msta-S"]),
        ("Les Bloch MB.152 et les Fokker D.XXI défendaient le ciel.", ["Bloch MB.152", "Fokker D.XXI"]),
        # lists after a plural noun
        ("Les frégates Aquitaine et Provence ont quitté Toulon.", ["Aquitaine", "Provence"]),
        # one sense per document: an ambiguous name confirmed once stays a weapon
        (
            "Les canons Caesar tirent sans relâche. « Nous en livrerons douze Caesar de plus », dit-il.",
            ["Caesar", "Caesar"],
        ),
    ],
)
def test_weapon_spans(annotate, text, expected):
    entities = annotate(text)
    assert weapons(entities) == expected
    for entity in entities:
        assert text[entity.start : entity.end] == entity.text


@pytest.mark.parametrize(
    "text, name, label",
    [
        ("Les Caesar livrés à l'Ukraine ont tiré plusieurs centaines d'obus.", "Caesar", "WEAPON"),
        ("Jules César a franchi le Rubicon avec ses légions.", "Jules César", "PER"),
        ("Le général Leclerc est entré dans Paris en août 1944.", "Leclerc", "PER"),
        ("Le régiment a reçu ses premiers Leclerc rénovés.", "Leclerc", "WEAPON"),
        ("Deux Rafale ont décollé de Saint-Dizier pour une mission de frappe.", "Rafale", "WEAPON"),
        ("Le Tigre et l'Euphrate traversent l'Irak.", "Tigre", "LOC"),
        ("Mistral AI a levé des fonds à Paris.", "Mistral AI", "ORG"),
    ],
)
def test_ambiguous_names_need_context(annotate, text, name, label):
    assert labels(annotate(text)).get(name) == label


@pytest.mark.parametrize(
    "text",
    [
        "Une rafale de vent a renversé les barrières du marché.",
        "Airbus a livré son centième A320neo à la compagnie.",
        "Le G7 s'est réuni à Kananaskis pour parler de la COVID-19.",
        "Le moteur F135 de Pratt & Whitney coûte cher à entretenir.",
        "Des drones FPV et des missiles de croisière ont frappé la ville.",
        "L'escadron de drones 1/33 Belfort est basé à Cognac.",
        "Les travaux de l'A7 reprendront en mars 2024.",
        "Sa Renault 5 et sa Peugeot 208 sont garées devant la mairie.",
        "Le navire MSC Zoe a perdu des conteneurs au large des Pays-Bas.",
        "Le drone DJI Mavic 3 est très populaire chez les photographes amateurs.",
    ],
)
def test_not_weapons(annotate, text):
    assert weapons(annotate(text)) == []


def test_weapon_records_carry_the_knowledge_base(annotate):
    (t90,) = [e for e in annotate("Les chars T-90M avancent.") if e.label == "WEAPON"]
    assert (t90.canonical, t90.category, t90.country) == ("T-90", "tank", "RU")
    (tupolev,) = [e for e in annotate("Un Tupolev Tu-22M3 a été abattu.") if e.label == "WEAPON"]
    assert tupolev.text == "Tupolev Tu-22M3" and tupolev.canonical != tupolev.text
    (unknown,) = [e for e in annotate("Le drone Zorvak-9 a volé.") if e.label == "WEAPON"]
    assert (unknown.canonical, unknown.category, unknown.country) == ("Zorvak-9", "drone", None)


def test_weapons_do_not_break_people_organisations_and_places(annotate):
    text = "Selçuk Bayraktar a présenté le Bayraktar TB3 à Istanbul, devant des officiers de l'OTAN."
    found = labels(annotate(text))
    assert found["Bayraktar TB3"] == "WEAPON"
    assert found["Istanbul"] == "LOC" and found["OTAN"] == "ORG"
    assert found.get("Selçuk Bayraktar") != "WEAPON" and "Bayraktar" not in found


def test_component_in_a_users_pipeline():
    import spacy

    import entx.components  # noqa: F401

    nlp = spacy.blank("fr")
    nlp.add_pipe("entx_weapons")
    doc = nlp("Les drones Lancet et les chars T-90M.")
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == [
        ("Lancet", "WEAPON", "Lancet"),
        ("T-90M", "WEAPON", "T-90"),
    ]


def test_gazetteer_adds_systems(tmp_path):
    import spacy

    import entx.components  # noqa: F401

    path = tmp_path / "mine.jsonl"
    path.write_text(
        '{"name": "Kestrel Nine", "aliases": ["K9N"], "category": "drone", "country": "FR", "maker": "", "ambiguous": []}\n',
        encoding="utf-8",
    )
    nlp = spacy.blank("fr")
    nlp.add_pipe("entx_weapons", config={"gazetteers": [str(path)]})
    doc = nlp("Le K9N a survolé la zone.")
    assert [(e.text, e.kb_id_) for e in doc.ents] == [("K9N", "Kestrel Nine")]
