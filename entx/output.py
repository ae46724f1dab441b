"""Where results go: standard output, or a file replaced atomically.

A file named with ``-o`` is written to a temporary file beside it and renamed over it
only when the run completes, so a crash, a full disk or Ctrl-C never leaves a
half-written result, and an existing file is replaced only by a complete new one.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO


class OutputError(Exception):
    """The output cannot be written (missing folder, permission, full disk)."""


# Text that UTF-8 cannot encode is a lone surrogate (a file name in another encoding, a
# ``"\ud800"`` escape in JSONL input). Written as ``\udcff`` it stays valid JSON that reads
# back to the same string, where the default would crash mid-run or write invalid UTF-8.
ERRORS = "backslashreplace"


@contextlib.contextmanager
def open_output(path: str | None, newline: str | None = None) -> Iterator[TextIO]:
    if path is None or path == "-":
        with contextlib.suppress(AttributeError, ValueError):
            sys.stdout.reconfigure(errors=ERRORS)
        yield sys.stdout
        return
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{path}: is a directory")
    if target.exists() and not target.is_file():
        yield from _write_in_place(path, newline)
        return
    if target.is_symlink():
        # Through a symbolic link, the file it points to is replaced, not the link.
        target = Path(os.path.realpath(path))
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent or ".")
    except FileNotFoundError:
        raise OutputError(f"{path}: cannot write (the folder {str(target.parent)!r} does not exist)") from None
    except OSError as error:
        raise OutputError(f"{path}: cannot write ({error.strerror or error})") from None
    try:
        os.chmod(temporary, _mode_for(target))
        with _stopped_cleanly(), os.fdopen(fd, "w", encoding="utf-8", errors=ERRORS, newline=newline) as handle:
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


@contextlib.contextmanager
def _stopped_cleanly() -> Iterator[None]:
    """``kill``, ``timeout`` or a closed terminal stop a run with SIGTERM or SIGHUP, whose
    default action ends Python on the spot and leaves the ``.part`` file behind. While one
    is being written they raise SystemExit (exit 128 + signal) so that it is removed.
    A signal already ignored (``nohup``) stays ignored; outside the main thread nothing
    can be installed and nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    previous = {}
    for signum in (getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)):
        if signal.getsignal(signum) is signal.SIG_DFL:
            previous[signum] = signal.signal(signum, stop)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _write_in_place(path: str, newline: str | None) -> Iterator[TextIO]:
    """``-o /dev/null``, ``-o /dev/stdout``, a named pipe: written directly.

    Renaming a temporary file over them would replace the device or pipe itself with a
    regular file (as root, ``-o /dev/null`` would break /dev/null for every program);
    atomicity means nothing for them anyway.
    """
    try:
        with open(path, "w", encoding="utf-8", errors=ERRORS, newline=newline) as handle:
            yield handle
            handle.flush()
    except OSError as error:
        raise OutputError(f"{path}: cannot write ({error.strerror or error})") from None


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


EXTENSIONS = {"jsonl": "jsonl", "json": "json", "csv": "csv", "html": "html", "table": "txt"}


def is_folder_target(path: str | None) -> bool:
    """``-o out/`` (a trailing slash, or an existing folder) asks for one file per input."""
    return bool(path) and path != "-" and (path.endswith(("/", os.sep)) or Path(path).is_dir())


class FolderOutput:
    """One result file per input file under ``root``, mirroring the input tree.

    ``corpus/a/b.txt`` read from ``corpus`` becomes ``root/a/b.txt.jsonl`` (the input's
    name is kept whole so that ``b.txt`` and ``b.md`` never collide). Results arrive in
    input order, so one file is open at a time; each is written atomically. A path that
    would land outside ``root`` is refused, whatever the input names look like.
    """

    def __init__(self, root: str, inputs: list[str], fmt: str, make_renderer) -> None:
        self.root = Path(root).resolve()
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(f"{root}: cannot create the folder ({error.strerror or error})") from None
        self.folders = [Path(p).resolve() for p in inputs if p != "-" and Path(p).is_dir()]
        self.extension = EXTENSIONS[fmt]
        self.fmt = fmt
        self.make_renderer = make_renderer
        self.current: tuple[str, contextlib.ExitStack, object] | None = None
        self.written: list[Path] = []

    def target(self, source: str) -> Path:
        path = Path(source).resolve() if source != "<stdin>" else Path("stdin")
        relative = Path(path.name)
        for folder in self.folders:
            if path.is_relative_to(folder):
                relative = path.relative_to(folder)
                break
        target = (self.root / f"{relative}.{self.extension}").resolve()
        if not target.is_relative_to(self.root):
            raise OutputError(f"{source}: its result would be written outside {self.root}")
        return target

    def write(self, result) -> None:
        source = result.document.source
        if self.current is None or self.current[0] != source:
            self.close()
            target = self.target(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            stack = contextlib.ExitStack()
            stream = stack.enter_context(open_output(str(target), newline="" if self.fmt == "csv" else None))
            self.current = (source, stack, self.make_renderer(stream))
            self.written.append(target)
        self.current[2].write(result)

    def close(self) -> None:
        if self.current is not None:
            _, stack, renderer = self.current
            self.current = None
            renderer.close()
            stack.close()

    def abort(self) -> None:
        """Drop the file being written: after an error, no half-written result is left."""
        if self.current is not None:
            _, stack, _ = self.current
            self.current = None
            error = OutputError("aborted")
            stack.__exit__(type(error), error, None)
