"""The engine: one code path whatever runs it, long texts cut where no entity is lost."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLES, jsonl, run_entx

from entx.chunking import split_text
from entx.records import Document

PARAGRAPHS = [
    "Le président Emmanuel Macron a reçu Volodymyr Zelensky à l'Élysée.",
    "Les Caesar de KNDS France et les missiles SCALP ont été livrés à Kiev.",
    "À Moscou, Vladimir Poutine a félicité les équipages des Su-34 et des T-90M.",
    "L'OTAN redoute des frappes de Shahed-136 sur Odessa et Kharkiv.",
]


def test_split_text_is_lossless_and_prefers_paragraphs():
    text = "\n\n".join(PARAGRAPHS * 40)
    pieces = split_text(text, limit=1000)
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= 1000 for _, piece in pieces)
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in pieces)
    assert all(piece.endswith("\n\n") for _, piece in pieces[:-1])


def test_split_text_without_any_break():
    text = "x" * 2500
    assert [len(p) for _, p in split_text(text, limit=1000)] == [1000, 1000, 500]


def test_chunked_document_gives_the_same_entities(annotator):
    from entx.engine import Annotator

    text = "\n\n".join(PARAGRAPHS * 5)
    whole = list(annotator.annotate([Document(text, "whole")]))[0].entities
    small = Annotator.__new__(Annotator)
    small.__dict__.update(annotator.__dict__)
    small.settings = type(annotator.settings)(**{**annotator.settings.__dict__, "chunk_characters": 300})
    pieces = list(small.annotate([Document(text, "pieces")]))[0].entities
    assert [(e.text, e.label, e.start, e.end) for e in pieces] == [(e.text, e.label, e.start, e.end) for e in whole]
    assert all(text[e.start : e.end] == e.text for e in pieces)


def test_a_file_over_spacy_max_length(tmp_path, annotate):
    rounds = 4000
    text = "\n\n".join(PARAGRAPHS * rounds)  # about 1.1 million characters
    assert len(text) > 1_000_000
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    result = run_entx(str(path), "-l", "WEAPON", timeout=900)
    assert result.returncode == 0, result.stderr
    (record,) = jsonl(result.stdout)
    once = [e.text for e in annotate("\n\n".join(PARAGRAPHS)) if e.label == "WEAPON"]
    assert once and [e["text"] for e in record["entities"]] == once * rounds  # none lost at a cut
    assert all(text[e["start"] : e["end"]] == e["text"] for e in record["entities"])


def test_jobs_give_identical_ordered_output(tmp_path):
    for index in range(12):
        (tmp_path / f"doc{index:02d}.txt").write_text(PARAGRAPHS[index % 4] + f" Dépêche {index}.", encoding="utf-8")
    (tmp_path / "wire.jsonl").write_text(
        "\n".join(json.dumps({"id": i, "text": p}, ensure_ascii=False) for i, p in enumerate(PARAGRAPHS * 3)),
        encoding="utf-8",
    )
    one = run_entx(str(tmp_path), str(tmp_path / "wire.jsonl"), "-j", "1")
    two = run_entx(str(tmp_path), str(tmp_path / "wire.jsonl"), "-j", "2")
    assert one.returncode == two.returncode == 0, two.stderr
    assert one.stdout == two.stdout
    assert len(jsonl(one.stdout)) == 12 + 12


def test_summary_groups_mentions_across_documents(tmp_path):
    result = run_entx(str(EXAMPLES), "--summary", "-f", "json", "-j", "1")
    summary = json.loads(result.stdout)
    assert summary["documents"] == 3
    rows = {(row["label"], row["entity"]): row for row in summary["entities"]}
    poutine = rows[("PER", "Vladimir Poutine")]
    assert poutine["mentions"] == 2 and poutine["documents"] == 1 and "Poutine" in poutine["forms"]
    assert rows[("WEAPON", "T-90")]["forms"] == ["T-90M"]
    table = run_entx(str(EXAMPLES), "-f", "table", "-j", "1").stdout.decode()
    assert "Most frequent entities in 3 documents" in table


def test_context_adds_the_sentence():
    result = run_entx(str(EXAMPLES / "caesar.txt"), "--context", "-f", "jsonl")
    (record,) = jsonl(result.stdout)
    roanne = next(e for e in record["entities"] if e["text"] == "Roanne")
    assert roanne["sentence"].startswith("Roanne, le 3 juin.")
    assert all(e["text"] in e["sentence"] for e in record["entities"])
    csv_out = run_entx(str(EXAMPLES / "caesar.txt"), "--context", "-f", "csv", "--excel").stdout
    assert csv_out.startswith("\ufeff".encode()) and b",sentence\r\n" in csv_out.split(b"\n", 1)[0] + b"\n"


def test_folder_output_mirrors_the_tree(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "a" / "b").mkdir(parents=True)
    (corpus / "top.txt").write_text(PARAGRAPHS[0], encoding="utf-8")
    (corpus / "a" / "b" / "deep.txt").write_text(PARAGRAPHS[1], encoding="utf-8")
    out = tmp_path / "out"
    result = run_entx(str(corpus), "-o", f"{out}/", "-f", "csv", "-j", "1")
    assert result.returncode == 0, result.stderr
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == ["a/b/deep.txt.csv", "top.txt.csv"]
    assert "Caesar" in (out / "a" / "b" / "deep.txt.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bad_document_does_not_stop_the_others(tmp_path, jobs):
    (tmp_path / "good.jsonl").write_text('{"text": "Kiev"}\n{"text": 3}\n{"text": "Les Rafale."}\n', encoding="utf-8")
    result = run_entx(str(tmp_path / "good.jsonl"), "-j", jobs)
    assert result.returncode == 1
    assert b"good.jsonl:2" in result.stderr
    assert len(jsonl(result.stdout)) == 2
