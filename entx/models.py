"""The spaCy pipelines entx supports, read from ``models.txt`` without importing spaCy.

``models.txt`` is the one list: the package's dependencies are checked against it by a
test, and ``entx models`` prints it with what is installed, so the three never disagree.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path


class ModelNotFound(Exception):
    """A model name or path that cannot be loaded; the message says how to get it."""

    def __init__(self, model: str, hint: str) -> None:
        super().__init__(f"model {model!r} is not available: {hint}")
        self.model = model
        self.hint = hint


@dataclass(frozen=True)
class Model:
    requirement: str
    comment: str
    default: bool

    @property
    def name(self) -> str:
        """The importable package name, as ``spacy.load`` wants it."""
        return re.split(r"[<>=!~;\[ ]", self.requirement, maxsplit=1)[0].replace("-", "_")

    @property
    def installed(self) -> bool:
        return importlib.util.find_spec(self.name) is not None

    @property
    def install_command(self) -> str:
        return f"pip install '{self.requirement}'"


def _models_file() -> str:
    """models.txt is shipped inside the package and kept at the top of the repository."""
    packaged = resources.files("entx") / "data" / "models.txt"
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    return (Path(__file__).resolve().parent.parent / "models.txt").read_text(encoding="utf-8")


def parse_models(text: str) -> list[Model]:
    models = []
    for line in text.splitlines():
        requirement, _, comment = line.partition("#")
        if requirement.strip():
            models.append(Model(requirement.strip(), comment.strip(), default=not models))
    return models


def supported_models() -> list[Model]:
    return parse_models(_models_file())


def default_model() -> str:
    return supported_models()[0].name


def install_hint(model: str) -> str:
    wanted = model.replace("-", "_")
    for known in supported_models():
        if known.name == wanted:
            return f"install it with: {known.install_command}"
    return "give the name of an installed spaCy pipeline or the path of one (see `entx models`)"
