"""One run of entx: sources → engine → renderer, with diagnostics and an honest exit code.

This is the library behind the ``entx`` command; the CLI only turns options into a
:class:`RunOptions`. Tests and other programs can call :func:`execute` directly.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from entx.diagnostics import Reporter
from entx.records import DEFAULT_LABELS, Diagnostic, Document, Result

EXIT_OK = 0
EXIT_INPUT = 1  # at least one input (file, JSONL line, document) was not processed
EXIT_USAGE = 2  # bad options, unknown model, unusable gazetteer
EXIT_OUTPUT = 3  # the output could not be written
EXIT_HANGUP = 129  # the terminal was closed (SIGHUP); set by entx.output, which cleans up
EXIT_INTERRUPTED = 130  # Ctrl-C
EXIT_TERMINATED = 143  # ``kill`` or ``timeout`` (SIGTERM); set by entx.output, which cleans up
EXIT_BROKEN_PIPE = 141  # the reader went away (``entx ... | head``), as for any Unix tool


@dataclass
class RunOptions:
    inputs: list[str]
    model: str
    fmt: str = "jsonl"
    output: str | None = None
    labels: tuple[str, ...] = DEFAULT_LABELS
    input_format: str = "auto"
    glob: str = "*.txt"
    jobs: int = 1
    scheduler: str | None = None
    context: bool = False
    summary: bool = False
    excel: bool = False
    gazetteers: tuple[str, ...] = ()
    quiet: bool = False
    verbose: bool = False
    strict: bool = False
    progress: bool = False
    color: bool | None = None
    resume: bool = False


def engine_settings(options: RunOptions):
    from entx.engine import EngineSettings
    from entx.pipeline import PipelineSettings

    return EngineSettings(
        pipeline=PipelineSettings(model=options.model, gazetteers=tuple(options.gazetteers)),
        labels=tuple(options.labels),
        context=options.context,
    )


def execute(options: RunOptions, reporter: Reporter, stdin: BinaryIO | None = None) -> int:
    """Run entx as the command line does; returns the exit code."""
    from entx.cluster import ClusterError
    from entx.knowledge import KnowledgeBaseError, load_weapons
    from entx.models import ModelNotFound
    from entx.output import OutputError, is_folder_target, open_output
    from entx.sources import SourceOptions, read_sources

    try:
        load_weapons(options.gazetteers)  # a broken gazetteer is a usage error, said once
    except KnowledgeBaseError as error:
        reporter.fail(f"gazetteer: {error}")
        return EXIT_USAGE
    sources = read_sources(
        options.inputs,
        SourceOptions(glob=options.glob, input_format=options.input_format, verbose=options.verbose),
        stdin=stdin,
    )
    documents = _documents(sources, reporter)
    if options.progress:
        from entx.progress import with_progress

        documents = with_progress(documents, options.inputs, options.glob, reporter.console)
    settings = engine_settings(options)
    try:
        if is_folder_target(options.output):
            return _run_to_folder(options, documents, settings, reporter)
        with open_output(options.output, newline="" if options.fmt == "csv" else None) as stream:
            renderer = _renderer(options, stream)
            _drain(_outputs(options, documents, settings), renderer, reporter)
            renderer.close()
    except (ModelNotFound, ClusterError) as error:
        reporter.fail(str(error))
        return EXIT_USAGE
    except OutputError as error:
        reporter.fail(str(error))
        return EXIT_OUTPUT
    except BrokenPipeError:
        return EXIT_BROKEN_PIPE
    return _exit_code(options, reporter)


def _exit_code(options: RunOptions, reporter: Reporter) -> int:
    if reporter.counts["error"] or (options.strict and reporter.counts["warning"]):
        return EXIT_INPUT
    return EXIT_OK


def _outputs(options: RunOptions, documents: Iterable[Document], settings):
    """Results in input order, from this machine or from a Dask cluster."""
    if options.scheduler:
        from entx.cluster import run_on_cluster

        return run_on_cluster(documents, settings, options.scheduler)
    from entx.engine import run

    return run(documents, settings, jobs=options.jobs)


def _drain(outputs: Iterable[Result | Diagnostic], renderer, reporter: Reporter) -> None:
    for output in outputs:
        if isinstance(output, Result):
            renderer.write(output)
        else:
            reporter.report(output)


def _run_to_folder(options: RunOptions, documents: Iterable[Document], settings, reporter: Reporter) -> int:
    """``-o DIR/``: one result file per input file; on a cluster, JSONL shards written by
    the workers themselves (``--resume`` skips the shards a previous run completed)."""
    if options.scheduler:
        from entx.cluster import write_shards

        if options.fmt != "jsonl":
            reporter.fail("with --scheduler, -o DIR/ writes JSON Lines shards: use -f jsonl")
            return EXIT_USAGE
        for diagnostic in write_shards(documents, settings, options.scheduler, options.output, resume=options.resume):
            reporter.report(diagnostic)
        return _exit_code(options, reporter)
    from entx.output import FolderOutput

    folder = FolderOutput(options.output, options.inputs, options.fmt, lambda stream: _renderer(options, stream))
    try:
        _drain(_outputs(options, documents, settings), folder, reporter)
    except BaseException:
        folder.abort()
        raise
    folder.close()
    return _exit_code(options, reporter)


def _documents(items: Iterable[Document | Diagnostic], reporter: Reporter) -> Iterator[Document]:
    for item in items:
        if isinstance(item, Document):
            yield item
        else:
            reporter.report(item)


def _renderer(options: RunOptions, stream: TextIO):
    from entx.render import make_renderer

    if options.summary and options.fmt in ("json", "jsonl", "csv"):
        from entx.render.summary import SummaryDataRenderer

        return SummaryDataRenderer(stream, options.fmt, excel=options.excel)
    return make_renderer(
        options.fmt, stream, context=options.context, color=options.color, summary=options.summary, excel=options.excel
    )


def default_format(output: str | None, stdout_is_terminal: bool) -> str:
    """The table on a terminal, JSON Lines in a pipe; with ``-o``, what the suffix says."""
    if output and output != "-":
        suffix = Path(output).suffix.lower().lstrip(".")
        return {"json": "json", "csv": "csv", "html": "html", "htm": "html", "txt": "table"}.get(suffix, "jsonl")
    return "table" if stdout_is_terminal else "jsonl"


def many_documents(inputs: list[str], input_format: str) -> bool:
    """Whether the input is a corpus (a folder, JSON Lines) rather than a text or two: what
    makes starting worker processes and showing a progress bar worth it."""
    return input_format == "jsonl" or any(
        Path(p).is_dir() or Path(p).suffix.lower() in (".jsonl", ".ndjson") for p in inputs if p != "-"
    )


def default_jobs(corpus: bool) -> int:
    """All cores for a corpus (see :func:`many_documents`), one process otherwise."""
    return (os.cpu_count() or 1) if corpus else 1


def stdin_is_terminal() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False
