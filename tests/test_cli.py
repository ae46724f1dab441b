"""The ``entx`` command end to end, as a user runs it: real process, real model."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import subprocess
import sys

import pytest
import tomllib
from conftest import EXAMPLES, ROOT, check_offsets, jsonl, run_entx

ARTICLE = (
    "Le président Vladimir Poutine a demandé au conglomérat d'État Rostec d'accélérer "
    "la production des chars T-90M et des drones Lancet. L'OTAN s'inquiète, "
    "m’a confié un diplomate à Bruxelles."
)


def test_file_to_jsonl_when_piped():
    result = run_entx(str(EXAMPLES / "rostec.txt"))
    assert result.returncode == 0, result.stderr
    (record,) = jsonl(result.stdout)
    assert record["source"] == str(EXAMPLES / "rostec.txt")
    text = (EXAMPLES / "rostec.txt").read_text(encoding="utf-8")
    check_offsets(text, record["entities"])
    found = {(e["text"], e["label"]) for e in record["entities"]}
    assert {("Vladimir Poutine", "PER"), ("Rostec", "ORG"), ("T-90M", "WEAPON"), ("Lancet", "WEAPON")} <= found
    assert set(record["entities"][0]) == {"text", "label", "start", "end", "canonical", "category", "country"}


def test_stdin_dash_and_implicit():
    for args in (["-"], []):
        result = run_entx(*args, input=ARTICLE)
        assert result.returncode == 0, result.stderr
        (record,) = jsonl(result.stdout)
        assert record["source"] == "<stdin>"
        check_offsets(ARTICLE, record["entities"])


def test_span_rules_follow_annotation_guidelines():
    (record,) = jsonl(run_entx(input=ARTICLE).stdout)
    texts = [e["text"] for e in record["entities"]]
    assert "OTAN" in texts and "L'OTAN" not in texts  # no elided article
    assert "Rostec" in texts and "État Rostec" not in texts  # no descriptive head
    assert not any(t.startswith(("m’", "m'")) for t in texts)  # no lone fragment
    assert all(t == t.strip(" ,.;:«»") for t in texts)


def test_folder_is_recursive_and_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("Emmanuel Macron est à Toulon.", encoding="utf-8")
    (tmp_path / "b" / "c.txt").write_text("Le Rafale a décollé de Saint-Dizier.", encoding="utf-8")
    (tmp_path / "b" / "notes.md").write_text("Olaf Scholz à Berlin.", encoding="utf-8")
    result = run_entx(str(tmp_path), "-j", "1")
    assert result.returncode == 0, result.stderr
    sources = [r["source"] for r in jsonl(result.stdout)]
    assert sources == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "c.txt")]
    result = run_entx(str(tmp_path), "--glob", "*.md", "-j", "1")
    assert [r["source"] for r in jsonl(result.stdout)] == [str(tmp_path / "b" / "notes.md")]


def test_jsonl_input_carries_ids_back(tmp_path):
    path = tmp_path / "wire.jsonl"
    rows = [
        {"id": "a-1", "text": "Volodymyr Zelensky est à Kiev."},
        {"id": 7, "text": "Les HIMARS ont frappé Kherson."},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    result = run_entx(str(path), "-j", "1")
    assert result.returncode == 0, result.stderr
    records = jsonl(result.stdout)
    assert [r["id"] for r in records] == ["a-1", 7]
    for row, record in zip(rows, records):
        check_offsets(row["text"], record["entities"])
    # --input-format jsonl on stdin
    result = run_entx("--input-format", "jsonl", input=path.read_bytes())
    assert [r["id"] for r in jsonl(result.stdout)] == ["a-1", 7]


def test_json_format_is_one_array():
    result = run_entx(str(EXAMPLES / "caesar.txt"), str(EXAMPLES / "rostec.txt"), "-f", "json", "-j", "1")
    data = json.loads(result.stdout)
    assert [d["source"] for d in data] == [str(EXAMPLES / "caesar.txt"), str(EXAMPLES / "rostec.txt")]
    for document in data:
        check_offsets(
            (ROOT / document["source"]).read_text(encoding="utf-8")
            if not os.path.isabs(document["source"])
            else open(document["source"], encoding="utf-8").read(),
            document["entities"],
        )


def test_csv_one_row_per_mention():
    result = run_entx(str(EXAMPLES / "caesar.txt"), "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8"))))
    text = (EXAMPLES / "caesar.txt").read_text(encoding="utf-8")
    assert rows and list(rows[0]) == [
        "source",
        "id",
        "text",
        "label",
        "start",
        "end",
        "canonical",
        "category",
        "country",
    ]
    for row in rows:
        assert text[int(row["start"]) : int(row["end"])] == row["text"]
    weapons = {r["text"]: r for r in rows if r["label"] == "WEAPON"}
    assert weapons["Caesar"]["category"] == "artillery" and weapons["Caesar"]["country"] == "FR"


def test_table_groups_mentions_and_respects_no_color():
    result = run_entx(str(EXAMPLES / "mer-noire.txt"), "-f", "table")
    out = result.stdout.decode("utf-8")
    assert "\x1b[" not in out  # NO_COLOR and not a terminal: plain text
    line = next(line for line in out.splitlines() if "Volodymyr Zelensky" in line)
    assert re.search(r"\b2\b", line) and "Zelensky" in line.split("Volodymyr Zelensky", 1)[1]
    colored = run_entx(str(EXAMPLES / "mer-noire.txt"), "-f", "table", env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    assert "\x1b[" in colored.stdout.decode("utf-8")


def test_labels_filter_and_misc_on_request():
    result = run_entx("-l", "WEAPON", input=ARTICLE)
    assert {e["label"] for e in jsonl(result.stdout)[0]["entities"]} == {"WEAPON"}
    result = run_entx("--labels", "per,loc", input=ARTICLE)
    assert {e["label"] for e in jsonl(result.stdout)[0]["entities"]} == {"PER", "LOC"}
    bad = run_entx("-l", "FOO", input=ARTICLE)
    assert bad.returncode == 2 and b"FOO" in bad.stderr and b"Traceback" not in bad.stderr


def test_output_file_format_from_suffix(tmp_path):
    target = tmp_path / "out.csv"
    result = run_entx(str(EXAMPLES / "caesar.txt"), "-o", str(target))
    assert result.returncode == 0 and result.stdout == b""
    assert target.read_text(encoding="utf-8").startswith("source,id,text,label")
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary file left


def test_missing_file_does_not_stop_the_batch():
    result = run_entx("does-not-exist.txt", str(EXAMPLES / "caesar.txt"))
    assert result.returncode == 1
    assert b"does-not-exist.txt: no such file or directory" in result.stderr
    assert b"Traceback" not in result.stderr
    assert [r["source"] for r in jsonl(result.stdout)] == [str(EXAMPLES / "caesar.txt")]


def test_unknown_model_gets_install_hint():
    result = run_entx("-m", "fr_core_news_sm_nope", input="Paris.")
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert b"fr_core_news_sm_nope" in result.stderr
    result = run_entx("-m", "fr-core-news-lg", input="Paris.")
    assert result.returncode == 2


def test_other_supported_model():
    result = run_entx("-m", "fr_core_news_sm", input=ARTICLE)
    assert result.returncode == 0, result.stderr
    assert any(e["label"] == "WEAPON" for e in jsonl(result.stdout)[0]["entities"])


def test_version_and_help_without_spacy():
    result = run_entx("--version")
    assert result.stdout.decode().strip() == "entx 0.1.0"
    probe = (
        "import sys\nfrom entx.cli import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        "try:\n    app(['models'])\nexcept SystemExit:\n    pass\n"
        "print('SPACY' if 'spacy' in sys.modules else 'NOSPACY', file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, env={**os.environ, "COLUMNS": "200"})
    assert b"NOSPACY" in result.stderr, result.stderr
    assert b"run" in result.stdout and b"models" in result.stdout


def test_models_command_lists_models_txt():
    result = run_entx("models")
    out = result.stdout.decode()
    assert result.returncode == 0
    assert "fr_core_news_md" in out and "fr_core_news_sm" in out


def test_models_txt_agrees_with_pyproject():
    from entx.models import supported_models

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = project["dependencies"] + project["optional-dependencies"]["models"]
    models = supported_models()
    assert models[0].requirement in project["dependencies"]  # the default is installed with entx
    for model in models:
        assert model.requirement in requirements, model


def test_no_argument_on_a_terminal_prints_usage():
    leader, follower = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "entx"],
            stdin=follower,
            capture_output=True,
            timeout=30,
            env={**os.environ, "NO_COLOR": "1"},
        )
    finally:
        os.close(leader)
        os.close(follower)
    assert result.returncode == 2
    assert b"Usage" in result.stderr


@pytest.mark.parametrize("args", [["--format", "xml"], ["--jobs", "0"]])
def test_bad_options_are_usage_errors(args):
    result = run_entx(*args, input="Paris.")
    assert result.returncode == 2 and b"Traceback" not in result.stderr
