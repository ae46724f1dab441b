"""A Rich progress bar on stderr for long runs: documents, words per second, ETA.

It wraps the document stream, so it measures what the engine has been handed; with
``--jobs`` that runs a few batches ahead of the output, which is fine for an estimate.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from entx.records import Document


class WordsPerSecond(ProgressColumn):
    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0
        words = task.fields.get("words", 0)
        rate = words / elapsed if elapsed > 0 else 0
        return Text(f"{rate:,.0f} words/s", style="cyan")


def count_files(inputs: Iterable[str], glob: str) -> int | None:
    """How many documents a run over folders will read (for the ETA); None if unknowable."""
    total = 0
    for given in inputs:
        path = Path(given)
        if given == "-" or path.suffix.lower() in (".jsonl", ".ndjson"):
            return None
        if path.is_dir():
            for _root, _dirs, files in os.walk(path):
                total += sum(1 for name in files if fnmatch.fnmatch(name, glob))
        else:
            total += 1
    return total


def with_progress(documents: Iterable[Document], inputs: list[str], glob: str, console: Console) -> Iterator[Document]:
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        WordsPerSecond(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )
    with progress:
        task = progress.add_task("documents", total=count_files(inputs, glob), words=0)
        words = 0
        for document in documents:
            words += len(document.text.split())
            yield document
            progress.update(task, advance=1, words=words)
