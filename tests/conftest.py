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


def run_entx(
    *args: str, input: bytes | str | None = None, cwd: Path | None = None, env: dict | None = None, timeout: int = 300
) -> subprocess.CompletedProcess:
    """Run the real ``entx`` command in a subprocess, as a user would."""
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", **(env or {})}
    if isinstance(input, str):
        input = input.encode("utf-8")
    return subprocess.run(
        [sys.executable, "-m", "entx", *args],
        input=input if input is not None else b"",
        capture_output=True,
        cwd=cwd,
        env=full_env,
        timeout=timeout,
    )


def jsonl(stdout: bytes) -> list[dict]:
    return [json.loads(line) for line in stdout.decode("utf-8").splitlines() if line.strip()]
