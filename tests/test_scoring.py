"""The scorer of ANNOTATION.md on cases worked out by hand, and `entx eval` around it."""

from __future__ import annotations

import json

import pytest
from conftest import run_entx

from entx.scoring import Scorer, Span


def spans(*items):
    return [Span(start, end, tuple(label.split("|"))) for start, end, label in items]


def test_exact_and_lenient_counts():
    scorer = Scorer(["PER", "ORG", "LOC", "WEAPON"])
    gold = spans((0, 5, "PER"), (10, 15, "ORG|LOC"), (20, 25, "WEAPON"), (30, 35, "MISC"))
    predicted = spans((0, 5, "PER"), (10, 15, "LOC"), (19, 25, "WEAPON"), (30, 35, "ORG"), (40, 45, "MISC"))
    scorer.add(gold, predicted)
    result = scorer.to_dict()
    exact, lenient = result["exact"], result["lenient"]
    # PER exact; LOC accepted by the ORG|LOC alternative; WEAPON boundary off; gold MISC ignored.
    assert (exact["ALL"]["tp"], exact["ALL"]["fp"], exact["ALL"]["fn"]) == (2, 2, 1)
    assert (lenient["ALL"]["tp"], lenient["ALL"]["fp"], lenient["ALL"]["fn"]) == (3, 1, 0)
    assert exact["LOC"]["tp"] == 1 and exact["ORG"]["fp"] == 1 and exact["WEAPON"]["fn"] == 1
    assert exact["ALL"]["p"] == pytest.approx(0.5) and exact["ALL"]["r"] == pytest.approx(2 / 3)
    assert exact["ALL"]["f1"] == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))


def test_a_gold_span_is_matched_once():
    scorer = Scorer(["PER"])
    scorer.add(spans((0, 10, "PER")), spans((0, 4, "PER"), (5, 10, "PER")))
    lenient = scorer.to_dict()["lenient"]["ALL"]
    assert (lenient["tp"], lenient["fp"], lenient["fn"]) == (1, 1, 0)


def test_labels_restrict_both_sides():
    scorer = Scorer(["PER"])
    scorer.add(spans((0, 5, "PER"), (6, 9, "LOC")), spans((0, 5, "PER"), (6, 9, "WEAPON")))
    assert scorer.to_dict()["exact"]["ALL"] == {
        "p": 1.0,
        "r": 1.0,
        "f1": 1.0,
        "tp": 1,
        "fp": 0,
        "fn": 0,
        "gold": 1,
        "pred": 1,
    }


def test_eval_command(tmp_path):
    text = "Le président Emmanuel Macron a visité les usines de Dassault Aviation où sont produits les Rafale."
    gold = {
        "id": "g1",
        "text": text,
        "entities": [
            {"start": 13, "end": 28, "label": "PER"},
            {"start": text.index("Dassault"), "end": text.index(" où"), "label": "ORG"},
            {"start": text.index("Rafale"), "end": len(text) - 1, "label": "WEAPON"},
        ],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
    result = run_entx("eval", str(path), "-f", "json", "--errors")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["documents"] == 1 and scores["exact"]["ALL"]["gold"] == 3
    assert scores["exact"]["WEAPON"]["tp"] == 1
    assert {e["kind"] for e in scores["errors"]} <= {"fp", "fn"}
    table = run_entx("eval", str(path), "--plain").stdout.decode()
    assert "as shipped" in table and "WEAPON" in table


def test_eval_refuses_a_bad_gold_file(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"text": "abc", "entities": [{"start": 2, "end": 9, "label": "PER"}]}\n', encoding="utf-8")
    result = run_entx("eval", str(path))
    assert result.returncode == 2 and b"gold.jsonl:1" in result.stderr and b"Traceback" not in result.stderr
