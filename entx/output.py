"""Where results go: standard output, or a file replaced atomically.

A file named with ``-o`` is written to a temporary file beside it and renamed over it
only when the run completes, so a crash, a full disk or Ctrl-C never leaves a
half-written result, and an existing file is replaced only by a complete new one.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO


class OutputError(Exception):
    """The output cannot be written (missing folder, permission, full disk)."""


@contextlib.contextmanager
def open_output(path: str | None, newline: str | None = None) -> Iterator[TextIO]:
    if path is None or path == "-":
        yield sys.stdout
        return
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{path}: is a directory")
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent or ".")
    except OSError as error:
        raise OutputError(f"{path}: cannot write ({error.strerror or error})") from None
    try:
        os.chmod(temporary, _mode_for(target))
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as error:
        _remove(temporary)
        raise OutputError(f"{path}: cannot write ({error.strerror or error})") from None
    except BaseException:
        _remove(temporary)
        raise


def _mode_for(target: Path) -> int:
    """The mode a plain ``open`` would give: the old file's, or the umask's default."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
