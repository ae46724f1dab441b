"""The ``entx`` command: option parsing and wiring only; the work is in :mod:`entx.runner`.

Nothing here imports spaCy at module level, so ``entx --help``, ``entx --version`` and
``entx models`` answer at once.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from entx import __version__
from entx.runner import EXIT_BROKEN_PIPE, EXIT_USAGE

COMMANDS_HELP = """Find people (PER), organisations (ORG), places (LOC) and weapon systems (WEAPON)
in French text.

[bold]entx FILE_OR_DIR...[/]  annotate files, folders (recursive) or [bold]-[/] for stdin.\n
Run [bold]entx run --help[/] for every option of the default command.
"""


class DefaultRunGroup(TyperGroup):
    """``entx FILE`` means ``entx run FILE``: the default command needs no name.

    Subcommands (``models``, ``weapons``, ``eval``) keep their names; anything else is
    given to ``run``, so a file that happens to be called ``models`` is read with
    ``entx ./models``.
    """

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["run", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=DefaultRunGroup,
    help=COMMANDS_HELP,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    html = "html"


class InputFormat(str, Enum):
    auto = "auto"
    text = "text"
    jsonl = "jsonl"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"entx {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = None,
) -> None:
    """Find people, organisations, places and weapon systems in French text."""


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def _labels(values: list[str] | None) -> tuple[str, ...]:
    from entx.records import DEFAULT_LABELS, LABELS

    if not values:
        return DEFAULT_LABELS
    labels = [v.strip().upper() for value in values for v in value.split(",") if v.strip()]
    unknown = [v for v in labels if v not in LABELS]
    if unknown:
        raise typer.BadParameter(f"unknown label(s) {', '.join(unknown)}; choose from {', '.join(LABELS)}")
    return tuple(dict.fromkeys(labels))


@app.command("run")
def run_command(
    inputs: Annotated[
        Optional[list[str]], typer.Argument(help="Files, folders, or - for stdin.", show_default=False)
    ] = None,
    fmt: Annotated[
        Optional[Format],
        typer.Option(
            "--format",
            "-f",
            help="Output format. Default: table on a terminal, jsonl otherwise (or from the -o suffix).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Optional[str], typer.Option("--output", "-o", help="Write here instead of stdout (atomically).")
    ] = None,
    labels: Annotated[
        Optional[list[str]],
        typer.Option(
            "--labels", "-l", help="Labels to report, e.g. PER,WEAPON (default: PER,ORG,LOC,WEAPON; MISC on request)."
        ),
    ] = None,
    model: Annotated[
        Optional[str],
        typer.Option(
            "--model", "-m", help="spaCy pipeline: a name from `entx models`, an installed package or a path."
        ),
    ] = None,
    input_format: Annotated[
        InputFormat, typer.Option("--input-format", help="auto: JSON Lines for *.jsonl files, text otherwise.")
    ] = InputFormat.auto,
    glob: Annotated[str, typer.Option("--glob", help="Files to read in folders.")] = "*.txt",
    jobs: Annotated[
        Optional[int],
        typer.Option(
            "--jobs", "-j", min=1, help="Worker processes (default: all cores for folders and JSONL, 1 otherwise)."
        ),
    ] = None,
    scheduler: Annotated[
        Optional[str], typer.Option("--scheduler", help="Run on Dask: tcp://HOST:PORT or local:N (needs entx[dask]).")
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="With --scheduler and -o DIR/: skip shards already written.")
    ] = False,
    context: Annotated[bool, typer.Option("--context", help="Add the sentence of each mention.")] = False,
    summary: Annotated[bool, typer.Option("--summary", help="Most frequent entities across all documents.")] = False,
    excel: Annotated[bool, typer.Option("--excel", help="CSV with a UTF-8 BOM, for spreadsheets.")] = False,
    gazetteer: Annotated[
        Optional[list[Path]],
        typer.Option("--gazetteer", help="Extra weapon systems (JSONL, same format as the knowledge base)."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat warnings (skipped files, bad JSONL lines) as failures.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no warnings.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Say how each file was decoded.")] = False,
) -> None:
    """Annotate files, folders or stdin."""
    from entx.diagnostics import Reporter
    from entx.models import default_model
    from entx.runner import RunOptions, default_format, default_jobs, execute, many_documents, stdin_is_terminal

    console = _stderr_console()
    if not inputs:
        if stdin_is_terminal():
            console.print("Usage: entx FILE_OR_DIR... | entx - < text.txt   (entx --help for more)")
            raise typer.Exit(EXIT_USAGE)
        inputs = ["-"]
    chosen_format = fmt.value if fmt else default_format(output, sys.stdout.isatty())
    corpus = many_documents(inputs, input_format.value)
    options = RunOptions(
        inputs=list(inputs),
        model=model or default_model(),
        fmt=chosen_format,
        output=output,
        labels=_labels(labels),
        input_format=input_format.value,
        glob=glob,
        jobs=jobs or default_jobs(corpus),
        scheduler=scheduler,
        resume=resume,
        context=context,
        summary=summary,
        excel=excel,
        gazetteers=tuple(str(g) for g in gazetteer or ()),
        quiet=quiet,
        verbose=verbose,
        strict=strict,
        progress=(corpus or len(inputs) > 1) and not quiet and console.is_terminal,
    )
    raise typer.Exit(execute(options, Reporter(console, verbose=verbose, quiet=quiet)))


@app.command("models")
def models_command() -> None:
    """The spaCy pipelines entx supports, and whether they are installed."""
    from rich.console import Console
    from rich.table import Table

    from entx.models import supported_models

    table = Table(title="spaCy pipelines for entx", title_justify="left")
    for column in ("Name", "Installed", "Default", "Install with", "About"):
        table.add_column(column)
    for model in supported_models():
        table.add_row(
            model.name,
            "yes" if model.installed else "[red]no[/]",
            "yes" if model.default else "",
            "" if model.installed else model.install_command,
            model.comment,
        )
    Console().print(table)


@app.command("weapons")
def weapons_command(
    query: Annotated[
        Optional[str], typer.Argument(help="Text to look for in names, aliases, category, country or maker.")
    ] = None,
    gazetteer: Annotated[
        Optional[list[Path]], typer.Option("--gazetteer", help="Extra weapon systems to include.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or jsonl.")] = "table",
) -> None:
    """List or search the weapon knowledge base."""
    from entx.catalogue import show_weapons

    raise typer.Exit(show_weapons(query, [str(g) for g in gazetteer or ()], fmt, _stderr_console()))


@app.command("eval")
def eval_command(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL file in the format of ANNOTATION.md.")],
    model: Annotated[Optional[str], typer.Option("--model", "-m", help="spaCy pipeline to evaluate.")] = None,
    labels: Annotated[
        Optional[list[str]], typer.Option("--labels", "-l", help="Labels to score (default: PER,ORG,LOC,WEAPON).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    errors: Annotated[
        bool, typer.Option("--errors", help="List false positives and false negatives with context.")
    ] = False,
    plain: Annotated[
        bool, typer.Option("--plain", help="Score the model as spaCy ships it, without entx's components.")
    ] = False,
    gazetteer: Annotated[Optional[list[Path]], typer.Option("--gazetteer", help="Extra weapon systems.")] = None,
) -> None:
    """Score entx against a gold file: precision, recall and F1, exact and lenient."""
    from entx.evaluate import evaluate_command
    from entx.models import default_model

    raise typer.Exit(
        evaluate_command(
            gold,
            model=model or default_model(),
            labels=_labels(labels),
            fmt=fmt,
            errors=errors,
            plain=plain,
            gazetteers=[str(g) for g in gazetteer or ()],
            console=_stderr_console(),
        )
    )


def main() -> None:
    """Entry point. Typer already turns Ctrl-C into exit code 130 and usage errors into 2;
    here a closed pipe (``entx ... | head``) ends quietly with 141, like any Unix tool."""
    try:
        app()
    except SystemExit as done:
        if done.code == EXIT_BROKEN_PIPE or _stdout_closed():
            # Keep Python from complaining again when it flushes stdout at exit.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise SystemExit(EXIT_BROKEN_PIPE) from None
        raise


def _stdout_closed() -> bool:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        return True
    except (OSError, ValueError):
        return False
    return False
