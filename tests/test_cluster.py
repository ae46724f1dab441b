"""entx on Dask: a real LocalCluster of worker processes, the real model in each of them.

What matters is that the cluster changes nothing: the records are those of a local
``entx.engine.run``, shards concatenate to the same JSON Lines, and a resumed run redoes
only what is missing.
"""

from __future__ import annotations

import io
import json
import os
import socket
import sys
import time
from pathlib import Path

import pytest
from conftest import jsonl, run_entx

pytestmark = pytest.mark.slow
pytest.importorskip("distributed")

from entx.cluster import (
    INSTALL_HINT,
    SHARD_LOG,
    ClusterError,
    annotate_bag,
    annotate_series,
    run_on_cluster,
    write_shards,
)
from entx.engine import EngineSettings, run
from entx.models import default_model
from entx.pipeline import PipelineSettings
from entx.records import Diagnostic, Document, Result
from entx.render.data import JsonLinesRenderer
from entx.sources import SourceOptions, read_sources

FILES = {
    "a/01.txt": "Le président Emmanuel Macron a reçu Olaf Scholz à l'Élysée pour parler de l'OTAN.",
    "a/02.txt": "Le groupe Dassault Aviation livrera douze Rafale à la Grèce avant la fin de l'année.",
    "a/03.txt": "Des missiles Kalibr ont été tirés depuis la mer Noire vers Odessa, selon l'armée ukrainienne.",
    "b/04.txt": "",
    "b/05.txt": "Rostec a annoncé que les chars T-90M seraient produits plus vite à Nijni Taguil.",
    "b/06.txt": "Il pleuvait sur Brest ce matin-là, et personne ne parlait de guerre.",
    "c.txt": "Volodymyr Zelensky a demandé à Washington davantage de systèmes Patriot et de canons CAESAR.",
}
RECORDS = [
    {"id": 1, "text": "Le ministre Sébastien Lecornu a visité l'usine Nexter de Bourges."},
    {"id": "b-2", "text": "Des drones Shahed ont frappé Kharkiv dans la nuit, a indiqué Oleh Synehoubov."},
    {"id": 3, "text": "La Bundeswehr commande des chars Leopard 2 à Rheinmetall et KNDS."},
    {"id": 4, "text": "Rien à signaler."},
    {"id": 5, "text": "Selon l'AFP, Vladimir Poutine s'est rendu à Sébastopol avec Sergueï Choïgou."},
    {"id": 6, "text": "L'Union européenne finance des obus de 155 mm pour l'Ukraine."},
    {"id": 7, "text": "Le porte-avions Charles de Gaulle a quitté Toulon vers la Méditerranée orientale."},
]
QUIET_HTTP = {"dashboard_address": "127.0.0.1:0"}  # not 8787, which may be taken
SETTINGS = EngineSettings(PipelineSettings(default_model()), context=True)  # what `entx --context` builds


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    folder = root / "textes"
    for name, text in FILES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "notes.md").write_text("Pas un .txt, ignoré.", encoding="utf-8")
    lines = [json.dumps(record, ensure_ascii=False) for record in RECORDS]
    (root / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def documents(*inputs: Path) -> list[Document]:
    items = read_sources([str(p) for p in inputs], SourceOptions())
    return [item for item in items if isinstance(item, Document)]


@pytest.fixture(scope="module")
def folder_docs(corpus):
    return documents(corpus / "textes")


@pytest.fixture(scope="module")
def jsonl_docs(corpus):
    return documents(corpus / "articles.jsonl")


@pytest.fixture(scope="module")
def local(folder_docs, jsonl_docs):
    """The reference: entx.engine.run in this process, one pipeline for both inputs."""
    outputs = list(run(folder_docs + jsonl_docs, SETTINGS, jobs=1))
    assert all(isinstance(o, Result) for o in outputs)
    return outputs[: len(folder_docs)], outputs[len(folder_docs) :]


def comparable(outputs) -> list:
    return [
        ("result", o.to_dict(SETTINGS.context)) if isinstance(o, Result) else ("diagnostic", str(o), o.level)
        for o in outputs
    ]


def as_jsonl(results) -> str:
    stream = io.StringIO()
    renderer = JsonLinesRenderer(stream, context=SETTINGS.context)
    for result in results:
        renderer.write(result)
    return stream.getvalue()


def test_without_dask_the_error_says_how_to_install(monkeypatch, folder_docs):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ClusterError, match=INSTALL_HINT.replace("[", r"\[").replace("]", r"\]")):
        next(run_on_cluster(folder_docs, SETTINGS, "tcp://127.0.0.1:8786"))


def test_unreachable_scheduler_fails_fast(monkeypatch, folder_docs):
    import entx.cluster

    monkeypatch.setattr(entx.cluster, "CONNECT_TIMEOUT", 2)
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    for address in (f"tcp://127.0.0.1:{port}", "tcp://192.0.2.1:8786"):  # refused; unroutable (TEST-NET-1)
        started = time.monotonic()
        with pytest.raises(ClusterError, match="cannot reach the Dask scheduler at"):
            list(run_on_cluster(folder_docs, SETTINGS, address))
        assert time.monotonic() - started < 6
    with pytest.raises(ClusterError, match="local:N"):
        list(run_on_cluster(folder_docs, SETTINGS, "local:zero"))


@pytest.fixture(scope="module")
def cluster():
    import dask
    from distributed import Client, LocalCluster

    # A task whose worker dies fails at once, rather than after killing three more.
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, scheduler_kwargs=QUIET_HTTP
        ) as cluster,
    ):
        with Client(cluster, set_as_default=False) as client:
            yield cluster.scheduler_address, client


def test_folder_same_as_local_run(cluster, folder_docs, local):
    address, client = cluster
    outputs = list(run_on_cluster(folder_docs, SETTINGS, address, partition_documents=2, window=2))
    assert comparable(outputs) == comparable(local[0])
    assert [o.document for o in outputs] == folder_docs


def test_jsonl_same_as_local_run(cluster, jsonl_docs, local):
    address, _ = cluster
    outputs = list(run_on_cluster(jsonl_docs, SETTINGS, address, partition_documents=3))
    assert comparable(outputs) == comparable(local[1])
    assert [r["id"] for _, r in comparable(outputs)] == [1, "b-2", 3, 4, 5, 6, 7]


def test_each_worker_loads_the_pipeline_once(cluster, folder_docs):
    address, client = cluster
    for _ in range(2):
        list(run_on_cluster(folder_docs, SETTINGS, address, partition_documents=1))
    loads = client.run(lambda: __import__("entx.cluster").cluster._loads)
    assert sorted(loads.values()) == [1, 1], loads


def test_a_dying_worker_loses_only_its_partition(cluster, jsonl_docs, local):
    address, client = cluster

    def poison():  # runs in each worker: a document that kills the process outright
        import os

        from entx.engine import Annotator

        original = Annotator.annotate

        def annotate(self, documents):
            documents = list(documents)
            if any("POISON" in d.text for d in documents):
                os._exit(1)
            return original(self, documents)

        Annotator.annotate, Annotator.unpoisoned = annotate, original

    def cure():
        from entx.engine import Annotator

        Annotator.annotate = getattr(Annotator, "unpoisoned", Annotator.annotate)

    docs = list(jsonl_docs)
    docs[3] = Document("POISON", docs[3].source, id=docs[3].id, line=docs[3].line)
    client.run(poison)
    try:
        # One partition at a time, so that no innocent one is on the worker when it dies.
        outputs = list(run_on_cluster(docs, SETTINGS, address, partition_documents=2, window=1))
    finally:
        client.run(cure)
    lost = [o for o in outputs if isinstance(o, Diagnostic)]
    assert [(d.source, d.line) for d in lost] == [(d.source, d.line) for d in docs[2:4]]
    assert all("worker that ran it died" in d.message for d in lost)
    kept = [o for o in outputs if isinstance(o, Result)]
    assert comparable(kept) == comparable(local[1][:2] + local[1][4:])


def test_cli_with_scheduler(cluster, corpus, local):
    address, _ = cluster
    result = run_entx(str(corpus / "textes"), "--scheduler", address, "--context")
    assert result.returncode == 0, result.stderr
    assert jsonl(result.stdout) == [r.to_dict(True) for r in local[0]]


def test_shards_concatenate_to_local_output(cluster, tmp_path, folder_docs, jsonl_docs, local):
    address, _ = cluster
    out = tmp_path / "out"
    out.mkdir()
    (out / "part-000099.jsonl").write_text("from an earlier, longer run\n")
    (out / "README.txt").write_text("not ours\n")
    diagnostics = list(write_shards(folder_docs + jsonl_docs, SETTINGS, address, out, partition_documents=2))
    assert [d.level for d in diagnostics] == ["info"]
    shards = sorted(out.glob("part-*.jsonl"))
    assert [p.name for p in shards] == [f"part-{i:06d}.jsonl" for i in range(7)]  # 14 documents by 2
    assert "".join(p.read_text(encoding="utf-8") for p in shards) == as_jsonl(local[0] + local[1])
    assert sorted(p.name for p in out.iterdir()) == sorted([p.name for p in shards] + ["README.txt", SHARD_LOG])


def test_resume_skips_complete_shards(cluster, tmp_path, folder_docs, jsonl_docs, local):
    address, _ = cluster
    docs, out = folder_docs + jsonl_docs, tmp_path / "out"
    list(write_shards(docs, SETTINGS, address, out, partition_documents=3))
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.glob("part-*.jsonl")}
    (out / "part-000002.jsonl").unlink()
    time.sleep(0.05)
    (summary,) = write_shards(docs, SETTINGS, address, out, resume=True, partition_documents=3)
    assert str(summary).endswith("1 shard(s) written, 4 already complete and skipped")
    after = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.glob("part-*.jsonl")}
    assert after.keys() == before.keys()
    assert {n for n in after if after[n] != before[n]} == {"part-000002.jsonl"}
    assert after["part-000002.jsonl"][1] == before["part-000002.jsonl"][1]
    # A shard made from other text is redone, not kept: the fingerprint tells.
    changed = docs[:6] + [Document("Le Mossad surveille Téhéran.", docs[6].source, line=docs[6].line)] + docs[7:]
    (summary,) = write_shards(changed, SETTINGS, address, out, resume=True, partition_documents=3)
    assert str(summary).endswith("1 shard(s) written, 4 already complete and skipped")
    # Other settings would mix two kinds of records in one folder.
    other = EngineSettings(PipelineSettings(default_model()), labels=("PER",), context=True)
    with pytest.raises(ClusterError, match="run without --resume"):
        list(write_shards(docs, other, address, out, resume=True, partition_documents=3))


def test_failed_shard_is_reported_and_redone_on_resume(cluster, tmp_path, folder_docs, jsonl_docs, local):
    address, _ = cluster
    docs, out = folder_docs + jsonl_docs, tmp_path / "out"
    (out / "part-000001.jsonl").mkdir(parents=True)  # the rename of shard 1 will fail
    diagnostics = list(write_shards(docs, SETTINGS, address, out, partition_documents=2))
    errors = [d for d in diagnostics if d.level == "error"]
    assert [(d.source, d.line) for d in errors] == [(d.source, d.line) for d in docs[2:4]]
    assert all("shard part-000001.jsonl failed" in d.message for d in errors)
    assert sorted(p.name for p in out.glob("part-*.jsonl") if p.is_file()) == [
        f"part-{i:06d}.jsonl" for i in (0, 2, 3, 4, 5, 6)
    ]
    assert not list(out.glob(".*.tmp"))
    (out / "part-000001.jsonl").rmdir()
    (summary,) = write_shards(docs, SETTINGS, address, out, resume=True, partition_documents=2)
    assert str(summary).endswith("1 shard(s) written, 6 already complete and skipped")
    shards = sorted(out.glob("part-*.jsonl"))
    assert "".join(p.read_text(encoding="utf-8") for p in shards) == as_jsonl(local[0] + local[1])


def test_annotate_bag(cluster, corpus, folder_docs, local):
    import dask.bag as db

    _, client = cluster
    items = [dict(record, source=str(corpus / "articles.jsonl")) for record in RECORDS]
    items += [document.text for document in folder_docs[:3]] + [42]
    records = client.compute(annotate_bag(db.from_sequence(items, npartitions=3), SETTINGS)).result()
    assert len(records) == len(items)
    assert records[: len(RECORDS)] == [r.to_dict(True) for r in local[1]]
    assert records[len(RECORDS) : -1] == [
        {"source": "<dask>", "entities": r.to_dict(True)["entities"]} for r in local[0][:3]
    ]
    assert records[-1]["entities"] == [] and "error" in records[-1]


def test_annotate_series(cluster, local):
    dd = pytest.importorskip("dask.dataframe")
    import pandas as pd

    _, client = cluster
    frame = pd.DataFrame({"text": [r["text"] for r in RECORDS] + [None]}, index=range(10, 18))
    column = annotate_series(dd.from_pandas(frame, npartitions=2)["text"], SETTINGS)
    entities = client.compute(column).result()
    assert list(entities.index) == list(range(10, 18))
    assert list(entities)[:-1] == [r.to_dict(True)["entities"] for r in local[1]]
    assert entities.iloc[-1] is None


def test_scheduler_without_workers(monkeypatch, folder_docs):
    from distributed import LocalCluster

    import entx.cluster

    monkeypatch.setattr(entx.cluster, "WORKER_TIMEOUT", 1)
    with LocalCluster(n_workers=0, processes=False, dashboard_address=None, scheduler_kwargs=QUIET_HTTP) as empty:
        with pytest.raises(ClusterError, match="no worker"):
            list(run_on_cluster(folder_docs, SETTINGS, empty.scheduler_address))


def _children() -> set[int]:
    """This process's descendants, but multiprocessing's resource tracker, which the first
    spawned process starts and which lives as long as this process, by design."""
    import psutil

    return {p.pid for p in psutil.Process().children(recursive=True) if "resource_tracker" not in " ".join(p.cmdline())}


def test_local_cluster_is_started_and_closed(folder_docs, local):
    before = _children()
    outputs = list(run_on_cluster(folder_docs[:3], SETTINGS, "local:1"))
    assert comparable(outputs) == comparable(local[0][:3])
    deadline = time.monotonic() + 10
    while _children() - before and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _children() - before


def test_local_workers_allocate_memory_like_any_process(monkeypatch):
    """Dask's nanny gives its workers MALLOC_TRIM_THRESHOLD_=65536, which costs spaCy 25%
    more CPU; entx's own local cluster starts them without it, and leaves the user's Dask
    settings as they were."""
    import dask
    import distributed  # noqa: F401  (loads Dask's distributed settings)

    from entx.cluster import _connect

    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    before = dask.config.get("distributed.nanny.pre-spawn-environ")
    with _connect("local:1") as client:
        seen = client.run(lambda: {k: os.environ.get(k) for k in ("MALLOC_TRIM_THRESHOLD_", "OMP_NUM_THREADS")})
    assert list(seen.values()) == [{"MALLOC_TRIM_THRESHOLD_": None, "OMP_NUM_THREADS": "1"}]
    assert dask.config.get("distributed.nanny.pre-spawn-environ") == before
    assert before["MALLOC_TRIM_THRESHOLD_"] == 65536  # what Dask would have done


def test_shard_of_a_file_name_that_is_not_utf8(cluster, tmp_path):
    """A file name in Latin-1 reaches the records as lone surrogates; shards escape them as
    every other output does (``\\udce9``), rather than failing the partition."""
    address, _ = cluster
    folder = tmp_path / "latin1"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9.txt")
    (folder / name).write_text("Olaf Scholz est à Berlin.", encoding="utf-8")
    out = tmp_path / "out"
    diagnostics = list(write_shards(documents(folder), SETTINGS, address, out))
    assert [d.level for d in diagnostics] == ["info"], [str(d) for d in diagnostics]
    shard = (out / "part-000000.jsonl").read_bytes()
    assert b"caf\\udce9.txt" in shard  # valid UTF-8 JSON, which reads back to the same name
    (record,) = jsonl(shard)
    assert record["source"] == str(folder / name)
    assert {e["text"] for e in record["entities"]} == {"Olaf Scholz", "Berlin"}
