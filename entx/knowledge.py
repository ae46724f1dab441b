"""Knowledge bases shipped with entx: weapon systems and organisations.

Both are JSON Lines files (one entry per line, see the README) so that analysts can read,
diff and extend them; ``--gazetteer`` adds a user's own file in the same format. Loading
validates every line, because a typo in a gazetteer should be a clear message naming the
line, not a silent miss or a traceback.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

WEAPON_CATEGORIES = frozenset(
    {
        "tank",
        "armoured_vehicle",
        "aircraft",
        "helicopter",
        "drone",
        "loitering_munition",
        "missile",
        "munition",
        "artillery",
        "rocket_launcher",
        "air_defence",
        "warship",
        "submarine",
        "small_arm",
    }
)
ORGANISATION_KINDS = frozenset(
    {
        "company",
        "armed_force",
        "agency",
        "ministry",
        "government_body",
        "alliance",
        "international_body",
        "armed_group",
        "party",
        "think_tank",
        "media",
    }
)
WEAPON_FILES = ("weapons.jsonl",)
ORGANISATION_FILE = "organisations.jsonl"

_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015/.·_]+")
_DIGIT_SEPARATOR = re.compile(r"(?<=\d)[\s\-\u2010-\u2015/.·_]+(?=\d)")
_PIECES = re.compile(r"\d+|[^\W\d_]+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "`": "'"})


class KnowledgeBaseError(ValueError):
    """A knowledge-base or gazetteer file that cannot be used; the message names the line."""


def normalise(text: str) -> str:
    """The key under which spellings of one designation meet.

    ``T-90``, ``T90`` and ``t 90`` share a key, ``Léopard`` meets ``Leopard``; a separator
    between two digits is kept (as ``-``) so that ``Mirage 2000-5`` never reads as
    ``Mirage 20005`` (the kept separator is ``#``).
    """
    return _SEPARATORS.sub("", _DIGIT_SEPARATOR.sub("#", _fold(text)))


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def _join(pieces: list[str]) -> str:
    """Inverse of splitting a key into letter and digit runs (digit runs meet with ``#``)."""
    out = pieces[0]
    for before, piece in zip(pieces, pieces[1:]):
        out += ("#" if before[-1].isdigit() and piece[0].isdigit() else "") + piece
    return out


@dataclass(frozen=True)
class Entry:
    """A weapon system or an organisation, with every surface form that names it."""

    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str
    maker: str = ""
    ambiguous: frozenset[str] = field(default_factory=frozenset)

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def _read_lines(path: Path) -> Iterator[tuple[int, dict]]:
    try:
        handle = path.open(encoding="utf-8")
    except OSError as error:
        raise KnowledgeBaseError(f"{path}: cannot read ({error.strerror or error})") from None
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise KnowledgeBaseError(f"{path}:{number}: not JSON ({error.msg})") from None
            if not isinstance(record, dict):
                raise KnowledgeBaseError(f"{path}:{number}: expected a JSON object")
            yield number, record


def _entry(record: dict, where: str, kinds: frozenset[str], kind_field: str) -> Entry:
    def text_field(key: str, required: bool = True) -> str:
        value = record.get(key, "")
        if not isinstance(value, str) or (required and not value.strip()):
            raise KnowledgeBaseError(f"{where}: field {key!r} must be a non-empty string")
        return value.strip()

    def list_field(key: str) -> tuple[str, ...]:
        value = record.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise KnowledgeBaseError(f"{where}: field {key!r} must be a list of strings")
        return tuple(v.strip() for v in value)

    name = text_field("name")
    kind = text_field(kind_field)
    if kind not in kinds:
        raise KnowledgeBaseError(f"{where}: {kind_field} {kind!r} is not one of {', '.join(sorted(kinds))}")
    country = text_field("country", required=False)
    if country and not re.fullmatch(r"[A-Z]{2}", country):
        raise KnowledgeBaseError(f"{where}: country {country!r} is not a two-letter code")
    aliases = tuple(dict.fromkeys(a for a in list_field("aliases") if a != name))
    ambiguous = list_field("ambiguous")
    unknown = set(ambiguous) - {name, *aliases}
    if unknown:
        raise KnowledgeBaseError(f"{where}: 'ambiguous' names {sorted(unknown)} that are not the name or an alias")
    return Entry(name, aliases, kind, country, text_field("maker", False), frozenset(ambiguous))


class KnowledgeBase:
    """Entries indexed by the normalised key of each of their forms.

    A form claimed by two entries is refused when the file is loaded: one spelling must
    name one thing, or the canonical names entx prints would depend on load order.
    """

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        self.entries: dict[str, Entry] = {}
        self._by_key: dict[str, Entry] = {}
        for entry in entries:
            self.add(entry)

    def add(self, entry: Entry, where: str = "") -> None:
        prefix = f"{where}: " if where else ""
        if entry.name in self.entries:
            raise KnowledgeBaseError(f"{prefix}{entry.name!r} is already an entry")
        keys = {normalise(form) for form in entry.forms}
        for key in keys:
            other = self._by_key.get(key)
            if other is not None:
                raise KnowledgeBaseError(f"{prefix}{entry.name!r} claims a form of {other.name!r} ({key!r})")
        self.entries[entry.name] = entry
        for key in keys:
            self._by_key[key] = entry

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def lookup(self, text: str) -> Entry | None:
        return self._by_key.get(normalise(text))

    def resolve(self, text: str) -> Entry | None:
        """The entry a designation belongs to, variants included.

        ``T-90M`` resolves to ``T-90``, ``Leopard 2A6`` to ``Leopard 2`` and ``Rafale M`` to
        ``Rafale``: the longest known form made of whole leading letter and digit runs, so
        that a number is never cut in two (``F-161`` is not an ``F-16``).
        """
        entry = self._by_key.get(normalise(text))
        if entry is not None:
            return entry
        pieces = _PIECES.findall(_fold(text))
        for size in range(len(pieces) - 1, 0, -1):
            entry = self._by_key.get(_join(pieces[:size]))
            if entry is not None:
                return entry
        return None

    def search(self, query: str) -> list[Entry]:
        """Entries whose name, alias, kind, country or maker contains ``query``."""
        needle = normalise(query)
        return [
            entry
            for entry in self
            if any(needle in normalise(value) for value in (*entry.forms, entry.kind, entry.country, entry.maker))
        ]


def _load(
    paths: Iterable[Path], kinds: frozenset[str], kind_field: str, base: KnowledgeBase | None = None
) -> KnowledgeBase:
    kb = base if base is not None else KnowledgeBase()
    for path in paths:
        for number, record in _read_lines(path):
            where = f"{path}:{number}"
            kb.add(_entry(record, where, kinds, kind_field), where)
    return kb


def data_path(name: str) -> Path:
    return Path(str(resources.files("entx") / "data" / name))


def load_weapons(gazetteers: Iterable[str | Path] = ()) -> KnowledgeBase:
    """The shipped weapon systems, plus a user's gazetteer files in the same format.

    Loaded once per process and set of files: every component and the engine share it.
    """
    return _load_weapons(tuple(str(p) for p in gazetteers))


@lru_cache(maxsize=8)
def _load_weapons(gazetteers: tuple[str, ...]) -> KnowledgeBase:
    paths = [data_path(name) for name in WEAPON_FILES] + [Path(p) for p in gazetteers]
    return _load(paths, WEAPON_CATEGORIES, "category")


@lru_cache(maxsize=1)
def load_organisations() -> KnowledgeBase:
    return _load([data_path(ORGANISATION_FILE)], ORGANISATION_KINDS, "kind")


@cache
def load_lexicon(name: str) -> dict:
    """A JSON data file of word lists (context words, titles...), loaded once per process."""
    with data_path(name).open(encoding="utf-8") as handle:
        return json.load(handle)
