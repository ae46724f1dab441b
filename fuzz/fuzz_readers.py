"""Fuzz entx's input readers: bytes to text (:func:`entx.decoding.decode`) and JSON Lines
and text read from a stream (:func:`entx.sources.read_sources`).

Run for three minutes (the default) or as long as you like::

    .venv/bin/python fuzz/fuzz_readers.py --minutes 3

It stops at the first input that breaks a rule below, prints it shrunk to its simplest
form and saves it under ``fuzz/crashes/``; put it in ``tests/test_properties.py`` as a
regression test once fixed. ``tests/test_properties.py`` also runs every target here for
a few hundred examples, so the rules are checked by the test suite too.

Rules:

* ``decode`` returns text or raises ``NotText``, nothing else, in well under a second;
  the text is valid Unicode (no lone surrogate, which spaCy would refuse); a BOM always
  gives text; valid UTF-8 comes back unchanged, and so do UTF-16/32 with a BOM and
  French text in Windows-1252.
* Reading JSON Lines never raises; every line of the input is accounted for, as a
  document or a diagnostic carrying its line number; a line holding a JSON object with
  a string ``text`` gives a document with that text.
* Reading text from a stream gives exactly one item: the decoded text, or why not.

Hypothesis drives the inputs (structured: real encodings, BOMs, magic numbers, JSON
values, then damaged by truncation, bit flips and splices) rather than atheris, which
needs a compiled toolchain; each round uses a fresh random seed.
"""

from __future__ import annotations

import argparse
import codecs
import hashlib
import io
import json
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from entx.decoding import _MAGIC, NotText, decode
from entx.records import Diagnostic, Document
from entx.sources import SourceOptions, read_sources

CRASHES = Path(__file__).resolve().parent / "crashes"

FRENCH_LETTERS = "àâäçéèêëîïôöùûüÿÀÂÄÇÉÈÊËÎÏÔÖÙÛÜæÆ"
AWKWARD = "’‘“”«»–—…€°\u00a0\u202f\u200b\u200c\u200d\u2060\ufeff\u0301\u0327\r\n\t😀👨\u200d👩\u200d👧🇫🇷\ufffd"
WORDS = [
    "Emmanuel Macron",
    "Marseille",
    "l’OTAN",
    "Besançon",
    "cœur",
    "Œuvre",
    "à",
    "été",
    "Thales",
    "Rafale",
    " ",
    ". ",
    "\n",
]
ENCODINGS = [
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "cp1252",
    "latin-1",
    "iso8859_15",
    "mac_roman",
    "cp850",
    "cp1251",
    "cp1253",
    "shift_jis",
    "gb18030",
]
PREFIXES = [
    b"",
    codecs.BOM_UTF8,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
    b"%PDF-1.7",
    b"PK\x03\x04",
    b"\x89PNG\r\n\x1a\n",
    b"\x1f\x8b",
    b"\x00",
]

texts = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.sampled_from(list(FRENCH_LETTERS + AWKWARD) + list("abcdefghij ABC.,'")), max_size=300),
    st.lists(st.sampled_from(WORDS), max_size=40).map("".join),
)


@st.composite
def damaged(draw, data: bytes) -> bytes:
    """The ways files get damaged: cut short, bits flipped, foreign bytes spliced in."""
    data = bytearray(data)
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["truncate", "flip", "insert", "none"]))
        if kind == "truncate" and data:
            del data[draw(st.integers(0, len(data) - 1)) :]
        elif kind == "flip" and data:
            at = draw(st.integers(0, len(data) - 1))
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "insert":
            at = draw(st.integers(0, len(data)))
            data[at:at] = draw(st.binary(max_size=8))
    return bytes(data)


@st.composite
def files(draw) -> bytes:
    choice = draw(st.integers(0, 3))
    if choice == 0:
        return draw(st.binary(max_size=2000))
    text = draw(texts)
    encoding = draw(st.sampled_from(ENCODINGS))
    data = draw(st.sampled_from(PREFIXES)) + text.encode(encoding, errors="replace")
    return draw(damaged(data)) if choice == 3 else data


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


@st.composite
def jsonl_lines(draw) -> bytes:
    kind = draw(st.integers(0, 9))
    if kind <= 3:  # the usual record
        record = {"id": draw(json_values), "text": draw(texts)}
        if draw(st.booleans()):
            record.update(draw(st.dictionaries(st.text(max_size=8), json_values, max_size=3)))
        line = json.dumps(record, ensure_ascii=draw(st.booleans())).encode("utf-8", errors="surrogatepass")
    elif kind == 4:  # any JSON value, object or not
        line = json.dumps(draw(json_values)).encode()
    elif kind == 5:  # what Python accepts and JSON does not, or values too deep or too big
        line = draw(
            st.sampled_from(
                [
                    b'{"id": NaN, "text": "Paris"}',
                    b'{"id": Infinity, "text": "Paris"}',
                    b'{"id": 1e999, "text": "Paris"}',
                    b'{"id": ' + b"9" * 5000 + b', "text": "Paris"}',
                    b'{"text": "\\ud800 Marseille \\udfff"}',
                    b"[" * 100_000 + b"]" * 100_000,
                    b'{"text": ' + b"[" * 5000 + b"]" * 5000 + b"}",
                ]
            )
        )
    elif kind == 6:
        line = draw(st.sampled_from([b"", b"   ", b"\t", b"\r", b"\xef\xbb\xbf"]))
    elif kind == 7:
        line = draw(texts).encode(draw(st.sampled_from(ENCODINGS)), errors="replace").replace(b"\n", b" ")
    else:
        line = draw(st.binary(max_size=60)).replace(b"\n", b" ")
    if draw(st.integers(0, 5)) == 0:
        line = draw(damaged(line)).replace(b"\n", b" ")
    return line + (b"\r" if draw(st.integers(0, 5)) == 0 else b"")


@st.composite
def jsonl_files(draw) -> bytes:
    lines = draw(st.lists(jsonl_lines(), max_size=12))
    data = b"\n".join(lines) + (b"\n" if draw(st.booleans()) else b"")
    return (codecs.BOM_UTF8 if draw(st.integers(0, 5)) == 0 else b"") + data


@st.composite
def french_windows_texts(draw) -> str:
    """French written with letters only (no curly quotes): none of its Windows-1252
    bytes can form a UTF-8 sequence, so the right answer is certain."""
    alphabet = st.sampled_from(list("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ.,;:!?'-\n") + list(FRENCH_LETTERS))
    text = draw(st.text(alphabet=alphabet, min_size=1, max_size=300))
    return text if any(c in FRENCH_LETTERS for c in text) else text + "é"


def valid_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# --- The rules ------------------------------------------------------------------------


def check_decode(data: bytes) -> None:
    started = time.perf_counter()
    try:
        text, encoding = decode(data)
    except NotText as error:
        assert str(error), "NotText without a reason"
        assert not any(data.startswith(bom) for bom in PREFIXES[1:6]), "a file with a BOM is text"
        return
    assert time.perf_counter() - started < 2, f"decode took {time.perf_counter() - started:.1f} s on {len(data)} bytes"
    assert isinstance(text, str) and isinstance(encoding, str) and encoding
    assert valid_unicode(text), f"lone surrogate in text decoded as {encoding}"
    if encoding == "utf-8":
        assert text == data.decode("utf-8")


def check_round_trip(text: str, encoding: str) -> None:
    """Text written with a BOM (or as UTF-8) reads back exactly."""
    bom = {
        "utf-16": b"",
        "utf-32": b"",
        "utf-8-sig": b"",
        "utf-8": b"",
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
    }[encoding]
    data = bom + text.encode(encoding)
    if encoding == "utf-8" and (
        b"\x00" in data or text.startswith("\ufeff") or any(data.startswith(m) for m, _ in _MAGIC)
    ):
        return  # NUL bytes or a PDF header mean binary; U+FEFF first is a BOM
    if encoding in ("utf-16", "utf-16-le") and text.startswith("\x00"):
        return  # FF FE 00 00 is the UTF-32 BOM: a text starting with U+0000 is not French
    decoded, _ = decode(data)
    assert decoded == text, (encoding, decoded)


def check_french_windows(text: str) -> None:
    decoded, encoding = decode(text.encode("cp1252"))
    assert (decoded, encoding) == (text, "cp1252"), (encoding, decoded)


def check_jsonl(data: bytes) -> None:
    items = list(read_sources(["-"], SourceOptions(input_format="jsonl"), stdin=io.BytesIO(data)))
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    seen = set()
    for item in items:
        assert isinstance(item, (Document, Diagnostic)), item
        assert item.line is not None and 1 <= item.line <= len(lines), item
        seen.add(item.line)
        if isinstance(item, Document):
            assert isinstance(item.text, str) and valid_unicode(item.text), item
        else:
            assert item.level in ("error", "warning", "info") and item.message, item
    assert seen == set(range(1, len(lines) + 1)), f"lines lost: {sorted(set(range(1, len(lines) + 1)) - seen)}"
    documents = {item.line: item for item in items if isinstance(item, Document)}
    for number, raw in enumerate(lines, 1):
        if number == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        try:
            record = json.loads(raw.decode("utf-8"))
        except (ValueError, RecursionError):
            continue
        if isinstance(record, dict) and isinstance(record.get("text"), str) and valid_unicode(record["text"]):
            if b"NaN" in raw or b"Infinity" in raw or b"e999" in raw:
                continue  # refused on purpose: not JSON
            assert number in documents, f"line {number} holds a text and gave no document"
            assert documents[number].text == record["text"]


def check_stream(data: bytes) -> None:
    items = list(read_sources(["-"], SourceOptions(), stdin=io.BytesIO(data)))
    assert len(items) == 1, items
    (item,) = items
    try:
        text, _ = decode(data)
    except NotText:
        assert isinstance(item, Diagnostic) and item.level == "error", item
    else:
        assert isinstance(item, Document) and item.text == text, item


TARGETS = {
    "decode": (files(), check_decode),
    "round_trip": (
        st.tuples(
            texts.filter(valid_unicode),
            st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"]),
        ),
        lambda pair: check_round_trip(*pair),
    ),
    "french_windows": (french_windows_texts(), check_french_windows),
    "jsonl": (jsonl_files(), check_jsonl),
    "stream": (files(), check_stream),
}


def run_target(name: str, examples: int) -> None:
    """Run one target for ``examples`` inputs; raises (after shrinking) on a broken rule."""
    strategy, check = TARGETS[name]
    last: list = []

    def recorded(value) -> None:
        last[:] = [value]
        check(value)

    test = given(strategy)(recorded)
    test = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=False,
        phases=[Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )(test)
    try:
        test()
    except Exception:
        if last:
            CRASHES.mkdir(exist_ok=True)
            blob = repr(last[0]).encode("utf-8", errors="backslashreplace")
            path = CRASHES / f"{name}-{hashlib.sha1(blob).hexdigest()[:12]}.txt"
            path.write_bytes(blob + b"\n")
            print(f"fuzz: {name}: failing input saved to {path}", file=sys.stderr)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=3.0, help="how long to fuzz (default 3)")
    parser.add_argument("--examples", type=int, default=500, help="inputs per target per round")
    parser.add_argument("--target", choices=sorted(TARGETS), action="append", help="only these targets")
    options = parser.parse_args(argv)
    targets = options.target or list(TARGETS)
    deadline = time.monotonic() + options.minutes * 60
    rounds = 0
    while time.monotonic() < deadline:
        for name in targets:
            run_target(name, options.examples)
        rounds += 1
        left = max(0, deadline - time.monotonic())
        print(
            f"fuzz: round {rounds} done ({rounds * options.examples} inputs per target), {left:.0f} s left",
            file=sys.stderr,
        )
    print(f"fuzz: no failure in {rounds} rounds x {len(targets)} targets x {options.examples} inputs", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
