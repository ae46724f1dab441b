"""entx on a Dask cluster, for corpora one machine cannot get through in time.

Dask does the scheduling; entx only decides what a task is. The client reads the input as
a local run does and splits it into partitions with :func:`entx.engine.batches` (which
groups a local run's pieces too), each worker process builds one
:class:`~entx.engine.Annotator` and keeps it, and every partition goes through
the same ``Annotator.annotate`` as on one machine, so the output is the same record for
record. Only a bounded window of partitions is ever in flight, so neither the client nor
the scheduler holds more than a few partitions of a corpus however big it is.

Dask is an optional dependency (``pip install 'entx[dask]'``): it is imported only when a
function here runs, and its absence is a :class:`ClusterError`, not an ImportError.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
import uuid
from collections import OrderedDict, deque
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from entx.engine import BATCH_CHARACTERS, BATCH_DOCUMENTS, Annotator, EngineSettings, batches
from entx.records import Diagnostic, Document, Result

__all__ = [
    "ClusterError",
    "annotate_bag",
    "annotate_series",
    "run_on_cluster",
    "shard_name",
    "write_shards",
]

INSTALL_HINT = "pip install 'entx[dask]'"
CONNECT_TIMEOUT = 5  # seconds: an unreachable scheduler is an error, not a hang
WORKER_TIMEOUT = 60  # seconds to wait for a first worker on a scheduler that has none
WINDOW_REFRESH = 16  # partitions between two looks at how many worker threads there are
SHARD_LOG = "_entx_shards.log"  # not *.jsonl, so that `cat out/*.jsonl` never reads it
SHARD_FORMAT = 1
_SHARD = re.compile(r"part-(\d{6,})\.jsonl")
_TEMPORARY = re.compile(r"\.part-\d{6,}\.jsonl\.[0-9a-f]+\.tmp")
BAG_SOURCE = "<dask>"


class ClusterError(Exception):
    """The run cannot happen at all (no Dask, no scheduler, no pipeline on a worker).

    One line, meant for the user as it is; the CLI turns it into exit code 2. A partition
    that fails is not one of these: it becomes diagnostics and the run goes on.
    """


def shard_name(index: int) -> str:
    """Zero-padded so that shards sort, and concatenate, in input order."""
    return f"part-{index:06d}.jsonl"


# --------------------------------------------------------------------------- client side


def run_on_cluster(
    documents: Iterable[Document],
    settings: EngineSettings,
    scheduler: str,
    *,
    partition_documents: int = BATCH_DOCUMENTS,
    partition_characters: int = BATCH_CHARACTERS,
    window: int | None = None,
) -> Iterator[Result | Diagnostic]:
    """What :func:`entx.engine.run` yields, computed on Dask, in input order.

    Partitions are taken back in the order they were sent: a slow one holds the others
    back, but never more than ``window`` of them, which is what keeps memory flat. Only
    the entities travel back from the workers; the documents (and their text) stay here.
    """
    with _connect(scheduler) as client:
        token = uuid.uuid4().hex[:8]
        in_flight: deque = deque()
        for index, batch in enumerate(batches(documents, partition_documents, partition_characters)):
            if index % WINDOW_REFRESH == 0:  # workers may have joined or left
                limit = window or _window(client)
            future = _submit(
                client, scheduler, _annotate_partition, settings, batch, key=f"entx-annotate-{token}-{index:06d}"
            )
            in_flight.append((batch, future))
            if len(in_flight) >= limit:
                yield from _collect(client, scheduler, *in_flight.popleft())
        while in_flight:
            yield from _collect(client, scheduler, *in_flight.popleft())


def _collect(client, scheduler: str, batch: list[Document], future) -> Iterator[Result | Diagnostic]:
    try:
        outputs = future.result()
    except Exception as error:
        _raise_if_fatal(error, client, scheduler)
        for document in batch:
            yield Diagnostic(
                document.source, f"not processed: its Dask partition failed ({_reason(error)})", line=document.line
            )
        return
    for output in outputs:
        if isinstance(output, Diagnostic):
            yield output
        else:
            index, entities = output
            yield Result(document=batch[index], entities=entities)


def write_shards(
    documents: Iterable[Document],
    settings: EngineSettings,
    scheduler: str,
    out_dir: str | os.PathLike,
    resume: bool = False,
    *,
    partition_documents: int = BATCH_DOCUMENTS,
    partition_characters: int = BATCH_CHARACTERS,
    window: int | None = None,
) -> Iterator[Diagnostic]:
    """Workers write one JSON Lines shard per partition under ``out_dir``; only problems come back.

    Nothing but diagnostics returns to the client, so a corpus whose output would not fit
    through one machine's network or disk still can be written. ``out_dir`` must be the
    same path for the client and every worker (one machine, or a shared filesystem).

    A shard appears only complete (temporary file, then rename). A partition that fails
    leaves no shard and is reported document by document; the others are kept. The client
    logs each finished shard with a fingerprint of its documents in ``_entx_shards.log``,
    so that ``resume`` skips a shard only if the same settings made it from the same
    documents, and redoes it if the input changed. Without ``resume`` the shards of an
    earlier run are removed first, so the folder never mixes two runs.

    Diagnostics are yielded as partitions finish, which is not input order.
    """
    out = Path(out_dir)
    with _connect(scheduler) as client:
        header = _shard_header(settings, partition_documents, partition_characters)
        done = _prepare_folder(out, header, resume)
        from distributed import as_completed

        token = uuid.uuid4().hex[:8]
        pending: dict = {}
        finished = as_completed(loop=client.loop)
        count = skipped = written = 0
        with open(out / SHARD_LOG, "a", encoding="utf-8") as log:

            def finish(future) -> Iterator[Diagnostic]:
                nonlocal written
                name, fingerprint, contents = pending.pop(future)
                try:
                    diagnostics, results = future.result()
                except Exception as error:
                    _raise_if_fatal(error, client, scheduler, kept=out)
                    for source, line in contents:
                        yield Diagnostic(source, f"not written: shard {name} failed ({_reason(error)})", line=line)
                    return
                written += 1
                yield from diagnostics
                entry = {"shard": name, "fingerprint": fingerprint, "documents": len(contents), "results": results}
                log.write(json.dumps(entry) + "\n")
                log.flush()

            for index, batch in enumerate(batches(documents, partition_documents, partition_characters)):
                count += 1
                if index % WINDOW_REFRESH == 0:  # workers may have joined or left
                    limit = window or _window(client)
                name, fingerprint = shard_name(index), _fingerprint(batch)
                if resume and (out / name).is_file():
                    if done.get(name) == fingerprint:
                        skipped += 1
                        continue
                    _unlink(out / name)  # made from other input: it must not pass for this one's
                key = f"entx-shard-{token}-{index:06d}"
                future = _submit(
                    client, scheduler, _write_partition, settings, batch, str(out / name), key=key, kept=out
                )
                pending[future] = (name, fingerprint, [(d.source, d.line) for d in batch])
                finished.add(future)
                while finished.count() >= limit:
                    yield from finish(next(finished))
            for future in finished:
                yield from finish(future)
        removed = _remove_shards(out, start=count)
        summary = f"{written} shard(s) written"
        if skipped:
            summary += f", {skipped} already complete and skipped"
        if removed:
            summary += f", {removed} left over from a longer earlier run removed"
        yield Diagnostic(str(out), summary, level="info")


@contextmanager
def _connect(scheduler: str):
    """A client on ``scheduler``; for ``local:N``, on a cluster that lives as long as the run."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError(f"--scheduler needs Dask, which is not installed: {INSTALL_HINT}") from None
    workers = _local_workers(scheduler)
    cluster = None
    if workers is not None:
        try:
            with dask.config.set(_local_worker_config()):
                # One thread per process: threads of a process would only take turns on
                # its one pipeline (see _annotator); processes are what run in parallel.
                cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    # The scheduler serves HTTP anyway; a free port, not 8787 that a
                    # user's own cluster may hold, and only on this machine.
                    scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                    silence_logs=logging.CRITICAL,  # entx reports failures itself, once, as diagnostics
                )
            client = Client(cluster, set_as_default=False)
        except Exception as error:
            if cluster is not None:
                cluster.close()
            raise ClusterError(
                f"could not start a local Dask cluster of {workers} worker(s) ({_one_line(error)})"
            ) from None
    else:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, ValueError, TimeoutError) as error:
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler} ({_one_line(error)})") from None
    # A lost scheduler makes the client log tracebacks of its own shutdown; entx says it
    # once, as a ClusterError, so those would only bury the message.
    client_log = logging.getLogger("distributed.client")
    level = client_log.level
    client_log.setLevel(logging.CRITICAL)
    try:
        try:
            client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
        except TimeoutError:
            raise ClusterError(
                f"the Dask scheduler at {scheduler} has had no worker for {WORKER_TIMEOUT} s "
                f"(start some with `dask worker {scheduler}`)"
            ) from None
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
        client_log.setLevel(level)


def _local_worker_config() -> dict:
    """Dask settings for the workers of ``local:N``, where entx owns the whole cluster.

    Dask's nanny starts its workers with ``MALLOC_TRIM_THRESHOLD_=65536``, which makes
    glibc give memory back to the system far more often and fixes its otherwise adaptive
    ``mmap`` threshold: spaCy's NER then takes 25% more CPU for the same text (measured:
    7.9 against 9.9 CPU s per 100,000 words, in and out of a worker). Without it workers
    allocate as any process does; the model's memory is bounded by entx's batches anyway.
    The statistical profiler feeds a dashboard that ``local:N`` does not show.
    """
    return {
        "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,  # None: not set
        "distributed.worker.profile.enabled": False,
    }


def _submit(client, scheduler: str, function, *args, key: str, kept: Path | None = None):
    try:
        return client.submit(function, *args, key=key, pure=False)
    except Exception as error:
        raise _lost(scheduler, error, kept) from None


def _raise_if_fatal(error: Exception, client, scheduler: str, kept: Path | None = None) -> None:
    """Stop the run on what no other partition would survive; let the caller report the rest.

    A cancelled future is never entx's doing: the scheduler went away (the client then
    closes after failing to reconnect) or dropped the run's tasks.
    """
    from concurrent.futures import CancelledError

    if isinstance(error, ClusterError):
        raise error
    if isinstance(error, CancelledError) or client.status in ("closing", "closed"):
        raise _lost(scheduler, error, kept) from None


def _lost(scheduler: str, error: Exception, kept: Path | None) -> ClusterError:
    message = f"lost the Dask scheduler at {scheduler} ({_one_line(error)}); the run is incomplete"
    if kept is not None:
        message += f": the finished shards in {kept} are kept, run again with --resume to go on"
    return ClusterError(message)


def _local_workers(scheduler: str) -> int | None:
    """N for ``local:N`` (``local`` alone: one per core), None for a scheduler address."""
    if scheduler != "local" and not scheduler.startswith("local:"):
        return None
    count = scheduler.partition(":")[2]
    if not count:
        return os.cpu_count() or 1
    if not count.isdigit() or int(count) < 1:
        raise ClusterError(f"--scheduler {scheduler}: expected local:N with N a number of workers, or tcp://HOST:PORT")
    return int(count)


def _window(client) -> int:
    """Twice the worker threads: each has a partition queued behind the one it runs."""
    return max(4, 2 * sum(client.nthreads().values()))


def _reason(error: BaseException) -> str:
    if type(error).__name__ == "KilledWorker":
        return "every Dask worker that ran it died; out of memory?"
    return f"{type(error).__name__}: {_one_line(error)}"


def _one_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _fingerprint(batch: list[Document]) -> str:
    """What identifies a partition's input, so that resume never keeps a shard of other text."""
    digest = hashlib.blake2b(digest_size=16)
    for document in batch:
        digest.update(
            json.dumps([document.source, document.id, document.line, len(document.text)], default=str).encode()
        )
        digest.update(document.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _shard_header(settings: EngineSettings, documents: int, characters: int) -> dict:
    """What must not change between a run and its resumption; JSON-normalised for comparison."""
    from entx import __version__

    header = {
        "format": SHARD_FORMAT,
        "entx": __version__,  # another version may find other entities in the same text
        "settings": asdict(settings),
        "partition": {"documents": documents, "characters": characters},
    }
    return json.loads(json.dumps(header, default=str))


def _prepare_folder(out: Path, header: dict, resume: bool) -> dict[str, str]:
    """Make ``out`` ready; returns the shards that a resumed run may keep (name → fingerprint)."""
    from entx.output import OutputError

    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"{out}: exists and is not a directory") from None
    except OSError as error:
        raise OutputError(f"{out}: cannot create ({error.strerror or error})") from None
    log = out / SHARD_LOG
    done: dict[str, str] = {}
    try:
        for entry in os.scandir(out):
            if _TEMPORARY.fullmatch(entry.name):  # left by a worker that died mid-shard
                _unlink(Path(entry.path))
        lines = log.read_text(encoding="utf-8").splitlines() if resume and log.is_file() else []
        if lines:
            if _json(lines[0]) != header:
                raise ClusterError(
                    f"{out} holds shards made with other settings or partition sizes; "
                    "run without --resume to replace them"
                )
            for line in lines[1:]:
                entry = _json(line)  # a line cut short by a crash is just not trusted
                if isinstance(entry, dict) and "shard" in entry:
                    done[entry["shard"]] = entry.get("fingerprint")
        else:
            if not resume:
                _remove_shards(out, start=0)
            log.write_text(json.dumps(header) + "\n", encoding="utf-8")
    except OSError as error:
        raise OutputError(f"{out}: cannot write ({error.strerror or error})") from None
    return done


def _remove_shards(out: Path, start: int) -> int:
    """Remove our shards numbered ``start`` or more; nothing else in the folder is touched."""
    removed = 0
    for entry in os.scandir(out):
        match = _SHARD.fullmatch(entry.name)
        if match and int(match.group(1)) >= start and entry.is_file(follow_symlinks=False):
            _unlink(Path(entry.path))
            removed += 1
    return removed


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def _json(line: str):
    try:
        return json.loads(line)
    except json.JSONDecodeError:
        return None


# --------------------------------------------------------------------------- worker side
#
# A worker process keeps its Annotator between tasks: loading fr_core_news_md takes
# seconds, a partition often less. The cache is keyed by settings, so one long-lived
# worker can serve runs with other settings, and holds two pipelines at most.

_annotators: OrderedDict = OrderedDict()
_cache_lock = threading.Lock()
_loads = 0  # pipelines this process has built; tests check that it is one per worker
_CACHE_SIZE = 2


def _annotator(settings: EngineSettings) -> tuple[Annotator, threading.Lock]:
    """The process's Annotator for ``settings``, and the lock that serialises its use.

    ``dask worker`` runs several threads per process by default; they share the one
    pipeline in turn rather than each loading their own copy of the model.
    """
    global _loads
    with _cache_lock:
        entry = _annotators.get(settings)
        if entry is None:
            try:
                annotator = Annotator(settings)
            except Exception as error:
                raise ClusterError(f"Dask worker {_worker_name()}: {_one_line(error)}") from None
            _loads += 1
            entry = _annotators[settings] = (annotator, threading.Lock())
            while len(_annotators) > _CACHE_SIZE:
                _annotators.popitem(last=False)
        _annotators.move_to_end(settings)
        return entry


def _worker_name() -> str:
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return f"pid {os.getpid()}"


def _annotate_partition(settings: EngineSettings, batch: list[Document]) -> list:
    """Diagnostics, and ``(position in batch, entities)`` for results: the text stays on the client."""
    annotator, lock = _annotator(settings)
    position = {id(document): index for index, document in enumerate(batch)}
    with lock:
        return [
            (position[id(output.document)], output.entities) if isinstance(output, Result) else output
            for output in annotator.annotate(batch)
        ]


def _write_partition(settings: EngineSettings, batch: list[Document], path: str) -> tuple[list[Diagnostic], int]:
    """Write one shard; returns its diagnostics and how many records it holds."""
    from entx.output import ERRORS
    from entx.render.data import JsonLinesRenderer

    annotator, lock = _annotator(settings)
    target = Path(path)
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    diagnostics: list[Diagnostic] = []
    results = 0
    # os.open with 0o666 lets the umask decide the mode, as for any file the user writes.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    handle = os.fdopen(os.open(temporary, flags, 0o666), "w", encoding="utf-8", errors=ERRORS)
    try:
        with handle, lock:
            renderer = JsonLinesRenderer(handle, context=settings.context)
            for output in annotator.annotate(batch):
                if isinstance(output, Result):
                    renderer.write(output)
                    results += 1
                else:
                    diagnostics.append(output)
            renderer.close()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        _unlink(temporary)
        raise
    return diagnostics, results


# --------------------------------------------------------------------------- for Dask users


def annotate_bag(bag, settings: EngineSettings | None = None):
    """Entity records for a bag of texts, for pipelines that already live in Dask.

    Items are strings, or mappings with ``"text"`` (and optionally ``"id"``, ``"source"``);
    each becomes exactly one record, the dict entx writes as JSON Lines, so the result
    zips with the input. An item that is not text, or that spaCy fails on, still gets its
    record, with no entities and an ``"error"`` field, rather than failing the compute.
    The bag stays lazy: compute it on whatever scheduler the caller uses.
    """
    return bag.map_partitions(_annotate_records, settings or _default_settings())


def annotate_series(series, settings: EngineSettings | None = None):
    """The entities (a list of dicts, as in JSON Lines) of each text in a Dask dataframe column.

    The index is kept, so the result can be assigned back as a column. A value that is
    not a string (a missing text) gives None.
    """
    return series.map_partitions(_annotate_pandas, settings or _default_settings(), meta=(series.name, "object"))


def _default_settings() -> EngineSettings:
    from entx.models import default_model
    from entx.pipeline import PipelineSettings

    return EngineSettings(PipelineSettings(default_model()))


def _annotate_records(items: Iterable, settings: EngineSettings) -> list[dict]:
    items = list(items)
    records: list[dict | None] = [None] * len(items)
    documents: list[tuple[int, Document]] = []
    for index, item in enumerate(items):
        if isinstance(item, str):
            documents.append((index, Document(item, BAG_SOURCE)))
        elif isinstance(item, Mapping) and isinstance(item.get("text"), str):
            source = item.get("source")
            documents.append(
                (index, Document(item["text"], BAG_SOURCE if source is None else str(source), id=item.get("id")))
            )
        else:
            record: dict = {"source": BAG_SOURCE}
            if isinstance(item, Mapping):
                if item.get("source") is not None:
                    record["source"] = str(item["source"])
                if item.get("id") is not None:
                    record["id"] = item["id"]
            record.update(entities=[], error="expected a string or a mapping with a string 'text'")
            records[index] = record
    if documents:
        annotator, lock = _annotator(settings)
        with lock:
            outputs = list(annotator.annotate([document for _, document in documents]))
        # Annotator.annotate gives exactly one output per document, in order.
        for (index, document), output in zip(documents, outputs, strict=True):
            if isinstance(output, Result):
                records[index] = output.to_dict(settings.context)
            else:
                records[index] = {**Result(document).to_dict(), "error": output.message}
    return records  # type: ignore[return-value]


def _annotate_pandas(part, settings: EngineSettings):
    import pandas as pd

    texts = [(index, value) for index, value in enumerate(part) if isinstance(value, str)]
    values: list = [None] * len(part)
    if texts:
        annotator, lock = _annotator(settings)
        with lock:
            outputs = list(annotator.annotate([Document(text, BAG_SOURCE) for _, text in texts]))
        for (index, _), output in zip(texts, outputs, strict=True):
            if isinstance(output, Result):
                values[index] = [entity.to_dict(settings.context) for entity in output.entities]
    return pd.Series(values, index=part.index, name=part.name, dtype=object)
