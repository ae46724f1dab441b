"""Properties that hold for any text at all, checked with hypothesis on the real model.

Whatever the text (control characters, zero-width and non-breaking spaces, combining
accents, emoji, CR line ends...), annotating it raises nothing, every entity's offsets
point at its text, and the JSON entx writes is valid and reads back to the same values.
The readers' fuzz targets (``fuzz/fuzz_readers.py``) run here briefly too, and every
input the fuzzer ever broke entx with is kept below as a regression test.
"""

from __future__ import annotations

import codecs
import copy
import csv
import importlib.util
import io
import json
from dataclasses import replace

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from entx.decoding import NotText, decode
from entx.output import open_output
from entx.records import LABELS, Diagnostic, Document, Entity, Result
from entx.render.data import CsvRenderer, JsonLinesRenderer, JsonRenderer
from entx.render.summary import SummaryDataRenderer
from entx.sources import SourceOptions, read_sources

FAST = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)

NAMES = [
    "Emmanuel Macron",
    "Olaf Scholz",
    "Marseille",
    "Besançon",
    "l’OTAN",
    "l'OTAN",
    "Thales",
    "Rafale",
    "Sète",
    "Élisabeth Borne",
    "KNDS France",
    "CAESAR",
]
WORDS = ["a visité", "à", "et", "le", "la", "cœur", "été", "avec", "des", "missiles", "Storm Shadow", "de"]
AWKWARD = [
    " ",
    " ",
    ". ",
    ", ",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "\t",
    "\u00a0",
    "\u202f",
    "\u2009",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u0301",
    "\u0327",
    "e\u0301",
    "’",
    "'",
    "‘",
    "«\u00a0",
    "\u00a0»",
    "😀",
    "👨\u200d👩\u200d👧",
    "🇫🇷",
    "𝕏",
    "\ufffd",
    "\x00",
    "\x1b[31m",
    "\x85",
    "\u2028",
    "\u2029",
    "—",
    "…",
]
fragments = st.lists(st.sampled_from(NAMES + WORDS + AWKWARD), max_size=60).map("".join)
texts = st.one_of(
    fragments, st.text(max_size=300), st.lists(st.sampled_from(AWKWARD + list("aéE .")), max_size=120).map("".join)
)


def annotate_one(annotator, text: str, source: str = "<test>") -> Result:
    (result,) = list(annotator.annotate([Document(text, source)]))
    assert isinstance(result, Result), result  # a Diagnostic here means spaCy failed
    return result


def check_entities(text: str, result: Result) -> None:
    previous_end = 0
    for entity in result.entities:
        assert 0 <= entity.start < entity.end <= len(text), entity
        assert text[entity.start : entity.end] == entity.text, entity
        assert entity.label in LABELS, entity
        assert entity.start >= previous_end, "entities overlap or are out of order"
        previous_end = entity.end


@FAST
@given(text=texts)
def test_any_text_gives_exact_offsets(annotate, text):
    entities = annotate(text)
    check_entities(text, Result(Document(text, "<test>"), entities))


@FAST
@given(text=texts)
def test_json_output_is_always_valid(annotator, text):
    result = annotate_one(annotator, text)
    stream = io.StringIO()
    renderer = JsonLinesRenderer(stream, context=True)
    renderer.write(result)
    renderer.close()
    line, end = stream.getvalue().split("\n")  # JSON Lines: "\n" ends a record, nothing else
    assert end == ""
    assert json.loads(line) == result.to_dict(context=True)
    stream = io.StringIO()
    renderer = JsonRenderer(stream)
    renderer.write(result)
    renderer.write(result)
    renderer.close()
    assert json.loads(stream.getvalue()) == [result.to_dict()] * 2
    stream = io.StringIO(newline="")
    renderer = CsvRenderer(stream)
    renderer.write(result)
    renderer.close()
    rows = list(csv.reader(io.StringIO(stream.getvalue(), newline="")))
    assert [row[2] for row in rows[1:]] == [e.text for e in result.entities]


def test_json_lines_survive_splitlines(annotator):
    text = "Emmanuel Macron\u2028Olaf Scholz\x85Marseille\u2029"
    stream = io.StringIO()
    renderer = JsonLinesRenderer(stream, context=True)
    renderer.write(annotate_one(annotator, text))
    assert len(stream.getvalue().splitlines()) == 1


def test_summary_lines_survive_splitlines():
    """``--summary -f jsonl``: one line per entity, whatever line separators its forms hold."""
    text = "Jean\u2028Moulin et Jean\x85Moulin"
    forms = [Entity(text[0:11], "PER", 0, 11), Entity(text[15:26], "PER", 15, 26)]
    stream = io.StringIO()
    renderer = SummaryDataRenderer(stream, "jsonl")
    renderer.write(Result(Document(text, "a.txt"), forms))
    renderer.close()
    rows = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert len(rows) == len(renderer.summary.rows()) >= 1
    assert {form for row in rows for form in row["forms"]} >= {"Jean\u2028Moulin", "Jean\x85Moulin"}


@pytest.fixture(scope="module")
def small_chunks(annotator):
    """The same loaded pipeline, cutting documents every few hundred characters, so
    that cuts fall inside names, between a letter and its accent, inside emoji."""
    chopped = copy.copy(annotator)
    chopped.settings = replace(annotator.settings, chunk_characters=50)
    return chopped


@FAST
@given(text=st.lists(fragments, min_size=3, max_size=8).map("".join))
def test_offsets_stay_exact_across_chunk_cuts(small_chunks, text):
    check_entities(text, annotate_one(small_chunks, text))


surrogate_names = st.text(
    alphabet=st.sampled_from(list("abcé/._ ") + ["\udce9", "\udcff", "\udc80"]), min_size=1, max_size=20
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=surrogate_names, document_id=st.one_of(st.none(), st.integers(), st.text(max_size=10)))
def test_output_file_is_valid_utf8_json_for_any_file_name(tmp_path, source, document_id):
    """File names that are not UTF-8 reach entx as lone surrogates (``caf\\udce9.txt``)."""
    result = Result(Document("Emmanuel Macron", source, id=document_id))
    target = tmp_path / "out.jsonl"
    with open_output(str(target)) as stream:
        renderer = JsonLinesRenderer(stream)
        renderer.write(result)
        renderer.close()
    (record,) = [json.loads(line) for line in target.read_bytes().decode("utf-8").splitlines()]
    assert record["source"] == source
    assert record.get("id") == document_id


def test_fuzz_targets_briefly():
    """Every fuzz target, a few hundred inputs each: the rules hold in the test suite too."""
    spec = importlib.util.spec_from_file_location("fuzz_readers", ROOT / "fuzz" / "fuzz_readers.py")
    fuzz = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuzz)
    for name in fuzz.TARGETS:
        fuzz.run_target(name, examples=150)


# --- Regressions: inputs that once broke entx ----------------------------------------------


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        # Windows-1252 French was read as Windows-1250: à → ŕ, è → č, œ → ś.
        ("À Sète, le cœur à l’été".encode("cp1252"), "À Sète, le cœur à l’été", "cp1252"),
        ("Cet été, à Besançon".encode("latin-1"), "Cet été, à Besançon", "cp1252"),
        ("Il coûte 5 € à Lœuilly".encode("iso8859_15"), "Il coûte 5 € à Lœuilly", "iso8859_15"),
        ("Où est-ce ? À Sète.".encode("cp850"), "Où est-ce ? À Sète.", "cp850"),
        # UTF-8 with its last character cut off was read as Windows-1250 mojibake.
        (
            "Élisabeth Borne à Sète. é".encode()[:-1],
            "Élisabeth Borne à Sète. \ufffd",
            "utf-8 (1 invalid byte sequence replaced by U+FFFD)",
        ),
        # Text starting with letters that begin some binary formats' magic numbers.
        (b"BZh, fit-il.", "BZh, fit-il.", "utf-8"),
        (b"GIF8 est un format", "GIF8 est un format", "utf-8"),
        # Other scripts still go to charset-normalizer.
        ("Привет, как дела? Это тест.".encode("cp1251"), "Привет, как дела? Это тест.", "cp1251"),
    ],
)
def test_decoding_regressions(data, text, encoding):
    assert decode(data) == (text, encoding)


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xfe\x00\x00",  # a UTF-32 BOM, or UTF-16 and a NUL: text either way
        b"\xff\xfe\x00",  # UTF-16 cut in the middle of a character
        b"\xfe\xff\xd8\x00",  # UTF-16 with half a surrogate pair
        codecs.BOM_UTF32_LE + b"\x00\xd8\x00\x00",  # UTF-32 holding a surrogate code point
        codecs.BOM_UTF32_BE + b"\x7f\xff\xff\xff",  # beyond U+10FFFF
    ],
)
def test_damaged_unicode_with_a_bom_decodes_to_valid_text(data):
    text, _ = decode(data)
    text.encode("utf-8")  # no lone surrogate: spaCy would refuse the document


def test_binary_is_not_text():
    for data in (b"%PDF-1.7\n", b"PK\x03\x04", b"\x89PNG\r\n", b"GIF89a", b"abc\x00def", bytes(range(128, 256)) * 4):
        with pytest.raises(NotText):
            decode(data)


def _jsonl(data: bytes) -> list:
    return list(read_sources(["-"], SourceOptions(input_format="jsonl"), stdin=io.BytesIO(data)))


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b'{"id": NaN, "text": "Paris"}', "NaN is not a JSON value"),  # echoed back, it made the output invalid JSON
        (b'{"id": -Infinity, "text": "Paris"}', "-Infinity is not a JSON value"),
        (b'{"id": 1e999, "text": "Paris"}', "out of range"),
        (b'{"id": ' + b"9" * 5000 + b', "text": "Paris"}', "invalid JSON"),  # over Python's int digit limit
        (b"[" * 100_000 + b"]" * 100_000, "invalid JSON"),  # RecursionError, uncaught before
    ],
)
def test_jsonl_lines_python_accepts_but_json_does_not(line, message):
    (item,) = _jsonl(line + b"\n")
    assert isinstance(item, Diagnostic) and item.line == 1 and message in item.message, item


def test_jsonl_unpaired_surrogate_keeps_the_document_and_its_offsets(annotator):
    """``"\\ud800"`` made spaCy refuse the whole document; now one U+FFFD stands in for it."""
    warning, document = _jsonl(b'{"text": "Jacques Chirac \\ud800 est \\udfff \\u00e0 Paris."}\n')
    assert warning.level == "warning" and "surrogate" in warning.message
    assert document.text == "Jacques Chirac \ufffd est \ufffd à Paris."
    check_entities(document.text, annotate_one(annotator, document.text))


def test_closed_stdin_is_a_diagnostic(monkeypatch):
    import sys

    monkeypatch.setattr(sys, "stdin", None)
    (item,) = list(read_sources(["-"], SourceOptions()))
    assert isinstance(item, Diagnostic) and "closed" in item.message
