"""Shared fixtures. The real spaCy model runs in these tests: entx is nothing without it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def annotator():
    """One loaded entx pipeline (default model) for the whole session."""
    from entx.engine import Annotator, EngineSettings
    from entx.models import default_model
    from entx.pipeline import PipelineSettings
    from entx.records import LABELS

    return Annotator(EngineSettings(PipelineSettings(default_model()), labels=LABELS, context=True))


@pytest.fixture(scope="session")
def annotate(annotator):
    """Annotate one text; returns its entities."""
    from entx.records import Document

    def run(text: str):
        (result,) = list(annotator.annotate([Document(text, "<test>")]))
        return result.entities

    return run


ENV = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}


def entx_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "entx", *args]


def run_entx(
    *args: str,
    input: bytes | str | None = None,
    cwd: Path | None = None,
    env: dict | None = None,
    timeout: int = 300,
    **popen,
) -> subprocess.CompletedProcess:
    """Run the real ``entx`` command in a subprocess, as a user would; ``popen`` goes to
    ``subprocess.run`` (``preexec_fn`` for a closed stdin, limits, dropped privileges)."""
    if isinstance(input, str):
        input = input.encode("utf-8")
    return subprocess.run(
        entx_command(*args),
        input=input if input is not None else b"",
        capture_output=True,
        cwd=cwd,
        env={**ENV, **(env or {})},
        timeout=timeout,
        **popen,
    )


def check_offsets(text: str, entities: list[dict]) -> None:
    """Every entity of a JSON record lies inside ``text`` and is the text at its offsets."""
    for entity in entities:
        assert 0 <= entity["start"] < entity["end"] <= len(text), entity
        assert text[entity["start"] : entity["end"]] == entity["text"], entity


def jsonl(stdout: bytes) -> list[dict]:
    return [json.loads(line) for line in stdout.decode("utf-8").splitlines() if line.strip()]
