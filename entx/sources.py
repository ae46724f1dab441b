"""Input sources: files, folders, standard input and JSON Lines, as a stream of documents.

A source never stops a batch: whatever cannot be read becomes a :class:`~entx.records.Diagnostic` in the
same stream, in input order, so the caller reports it and goes on. Everything is read
lazily, one file or one JSONL line at a time, so a folder of 100,000 files or a 1 GB JSONL
file never sits in memory.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from entx.decoding import NotText, decode
from entx.records import Diagnostic, Document

STDIN = "<stdin>"
Item = Document | Diagnostic


@dataclass(frozen=True)
class SourceOptions:
    glob: str = "*.txt"
    input_format: str = "auto"  # auto | text | jsonl
    text_field: str = "text"
    id_field: str = "id"
    verbose: bool = False


def read_sources(inputs: Iterable[str], options: SourceOptions, stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Documents and problems from every input, in the order given (folders sorted)."""
    for given in inputs:
        if given == "-":
            yield from _read_stream(stdin or _stdin(), STDIN, options)
            continue
        path = Path(given)
        try:
            info = path.stat()
        except FileNotFoundError:
            if path.is_symlink():
                yield Diagnostic(given, "broken symbolic link")
            else:
                yield Diagnostic(given, "no such file or directory")
            continue
        except OSError as error:
            yield Diagnostic(given, _reason(error))
            continue
        if stat.S_ISDIR(info.st_mode):
            found = False
            for item in _read_folder(path, options):
                found = True
                yield item
            if not found:
                # Without this, ``entx corpus/`` with no *.txt inside (or a folder named
                # like a file, ``notes.jsonl/``) ends silently with exit 0 and no output.
                yield Diagnostic(given, f"folder has no file matching {options.glob!r}, nothing read", level="warning")
        else:
            yield from _read_file(path, options, explicit=True)


def _read_folder(root: Path, options: SourceOptions) -> Iterator[Item]:
    """Files under ``root`` matching the glob, depth first in sorted order.

    Symbolic links to folders are not followed, so a link loop cannot trap the walk;
    links to files are read like files.
    """
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as error:
        yield Diagnostic(str(root), _reason(error))
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError as error:
            yield Diagnostic(str(path), _reason(error))
            continue
        if is_dir:
            yield from _read_folder(path, options)
        elif fnmatch.fnmatch(entry.name, options.glob):
            yield from _read_file(path, options, explicit=False)


def _is_jsonl(path: Path, options: SourceOptions) -> bool:
    if options.input_format == "auto":
        return path.suffix.lower() in (".jsonl", ".ndjson")
    return options.input_format == "jsonl"


def _read_file(path: Path, options: SourceOptions, explicit: bool) -> Iterator[Item]:
    source = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        yield Diagnostic(source, "broken symbolic link" if path.is_symlink() else "file disappeared before it was read")
        return
    except OSError as error:
        yield Diagnostic(source, _reason(error))
        return
    # A pipe the user names is read (``entx <(zcat a.gz)``); one met in a folder, a
    # socket or a device would block or never end, so it is skipped.
    if not (stat.S_ISREG(info.st_mode) or (explicit and stat.S_ISFIFO(info.st_mode))):
        yield Diagnostic(source, _not_regular(info.st_mode))
        return
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        yield Diagnostic(source, "file disappeared before it was read")
        return
    except OSError as error:
        yield Diagnostic(source, _reason(error))
        return
    with handle:
        yield from _read_open(handle, source, options, _is_jsonl(path, options), explicit)


def _read_stream(stream: BinaryIO | None, source: str, options: SourceOptions) -> Iterator[Item]:
    if stream is None:
        yield Diagnostic(source, "standard input is closed")
        return
    yield from _read_open(stream, source, options, options.input_format == "jsonl", explicit=True)


def _read_open(stream: BinaryIO, source: str, options: SourceOptions, jsonl: bool, explicit: bool) -> Iterator[Item]:
    """An open file or stdin: JSON Lines line by line, or the whole text decoded."""
    if jsonl:
        yield from _read_jsonl(stream, source, options)
        return
    try:
        data = stream.read()
    except OSError as error:
        yield Diagnostic(source, _reason(error))
        return
    yield from _decoded(data, source, options, explicit)


def _stdin() -> BinaryIO | None:
    """Standard input as bytes, or None when it was closed (``entx - <&-``), so that a
    missing stdin is reported like any unreadable input instead of crashing."""
    return getattr(sys.stdin, "buffer", None)


def _not_regular(mode: int) -> str:
    """Why a path met in a folder is not read: said plainly, since "not a regular file"
    for a link to a folder leaves the user guessing."""
    if stat.S_ISDIR(mode):
        return "is a directory reached through a symbolic link (not followed), skipped"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO) found in a folder, skipped (name it on the command line to read it)"
    if stat.S_ISSOCK(mode):
        return "is a socket, skipped"
    return "is a device, not a regular file, skipped"


def _decoded(data: bytes, source: str, options: SourceOptions, explicit: bool) -> Iterator[Item]:
    try:
        text, encoding = decode(data)
    except NotText as error:
        # A binary file met while walking a folder is expected and only warned about;
        # one the user named is an input lost.
        yield Diagnostic(source, str(error), level="error" if explicit else "warning")
        return
    if options.verbose:
        yield Diagnostic(source, f"decoded as {encoding}", level="info")
    yield Document(text=text, source=source)


def _read_jsonl(stream: BinaryIO, source: str, options: SourceOptions) -> Iterator[Item]:
    """One document per line; every bad line is reported with its number and skipped."""
    number = 0
    lines = iter(stream)
    while True:
        try:
            raw = next(lines)
        except StopIteration:
            return
        except OSError as error:
            # A read error mid-file: say where it stopped instead of letting it pass
            # for an output error or a crash.
            yield Diagnostic(source, f"read failed after line {number} ({_reason(error)})")
            return
        number += 1
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            yield Diagnostic(source, "blank line, skipped", line=number, level="warning")
            continue
        try:
            record = json.loads(raw.decode("utf-8"), parse_constant=_not_json, parse_float=_finite)
        except UnicodeDecodeError:
            yield Diagnostic(source, "line is not valid UTF-8", line=number)
            continue
        except json.JSONDecodeError as error:
            yield Diagnostic(source, f"invalid JSON ({error.msg})", line=number)
            continue
        except (ValueError, RecursionError) as error:
            yield Diagnostic(source, f"invalid JSON ({error})", line=number)
            continue
        if not isinstance(record, dict):
            yield Diagnostic(source, "expected a JSON object", line=number)
            continue
        if options.text_field not in record:
            yield Diagnostic(source, f"no {options.text_field!r} field", line=number)
            continue
        text = record[options.text_field]
        if not isinstance(text, str):
            yield Diagnostic(source, f"{options.text_field!r} is not a string", line=number)
            continue
        if _SURROGATE.search(text):
            # JSON can escape half a UTF-16 pair (``"\ud800"``), which is no character:
            # spaCy refuses the whole text. One U+FFFD each keeps every offset in place.
            text = _SURROGATE.sub("\ufffd", text)
            yield Diagnostic(
                source,
                f"{options.text_field!r} has unpaired surrogate escapes, replaced by U+FFFD",
                line=number,
                level="warning",
            )
        doc_id = record.get(options.id_field)
        yield Document(text=text, source=source, id=doc_id, line=number)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _not_json(constant: str):
    """``NaN`` and ``Infinity`` are accepted by Python's parser but are not JSON: echoed
    back as an id they would make entx's own output invalid JSON."""
    raise ValueError(f"{constant} is not a JSON value")


def _finite(number: str) -> float:
    value = float(number)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"number {number} is out of range")
    return value


def _reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "is a directory"
    if error.errno == 40:  # ELOOP
        return "symbolic link loop"
    return (error.strerror or str(error)).lower()
