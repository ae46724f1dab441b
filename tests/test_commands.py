"""`entx weapons`, `--gazetteer` on the command line, and the progress bar."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

from conftest import jsonl, run_entx


def test_weapons_lists_and_searches_the_knowledge_base():
    everything = run_entx("weapons", "-f", "jsonl")
    systems = [json.loads(line) for line in everything.stdout.decode().splitlines()]
    assert len(systems) >= 500
    found = run_entx("weapons", "leopard", "-f", "jsonl")
    names = [json.loads(line)["name"] for line in found.stdout.decode().splitlines()]
    assert names and all("leopard" in json.dumps(s).lower() for s in systems if s["name"] in names)
    table = run_entx("weapons", "T-90").stdout.decode()
    assert "T-90" in table and "tank" in table
    assert run_entx("weapons", "zzzz-no-such-system").returncode == 1


def test_gazetteer_on_the_command_line(tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text(
        '{"name": "Orque Noire", "aliases": ["ON-3"], "category": "drone", "country": "FR", "maker": "", "ambiguous": []}\n',
        encoding="utf-8",
    )
    result = run_entx("--gazetteer", str(path), "-l", "WEAPON", input="Un ON-3 a survolé la base.")
    (record,) = jsonl(result.stdout)
    assert [(e["text"], e["canonical"], e["category"]) for e in record["entities"]] == [
        ("ON-3", "Orque Noire", "drone")
    ]
    assert "Orque Noire" in run_entx("weapons", "orque", "--gazetteer", str(path)).stdout.decode()
    path.write_text('{"name": "Broken", "category": "spaceship"}\n', encoding="utf-8")
    bad = run_entx("--gazetteer", str(path), input="texte")
    assert bad.returncode == 2 and f"{path}:1".encode() in bad.stderr and b"Traceback" not in bad.stderr


def run_with_terminal_stderr(*args: str) -> tuple[int, bytes]:
    """stderr on a pseudo-terminal, as when a person watches the run."""
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "entx", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=follower,
        env=env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return process.wait(timeout=300), b"".join(chunks)


def test_progress_bar_on_a_terminal_only(tmp_path):
    for index in range(5):
        (tmp_path / f"{index}.txt").write_text("Les Rafale ont décollé de Saint-Dizier.", encoding="utf-8")
    code, seen = run_with_terminal_stderr(str(tmp_path), "-j", "1")
    assert code == 0 and b"words/s" in seen and b"5/5" in seen
    code, seen = run_with_terminal_stderr(str(tmp_path), "-j", "1", "--quiet")
    assert code == 0 and b"words/s" not in seen
    piped = run_entx(str(tmp_path), "-j", "1")
    assert b"words/s" not in piped.stderr
