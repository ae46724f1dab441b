"""The entx benchmark (issue 5): entx against raw spaCy, on the same French prose, in the same run.

Run from the repository root::

    python bench/run.py              # about 1,000,000 words (15-25 minutes on 2 cores)
    python bench/run.py --quick      # about 100,000 words

The corpus is built at run time into ``bench/out/`` (gitignored) from the ``text`` fields
of ``../shared/data/public/*.test.jsonl``; that text is never committed. The machine is
shared and noisy, so every figure that matters is a ratio against raw spaCy measured in
the same run, on the same texts, with the same model.

What is measured (words are whitespace-split words of the corpus, counted once for all):

(a) raw spaCy, the model's full default pipeline, ``nlp.pipe`` over the documents;
(b) raw spaCy with only ``ner`` (and what it listens to): the practical limit for entx;
(c) ``entx INPUT -f jsonl -o OUT --jobs 1|2`` in a subprocess, as a user runs it, for the
    three layouts (one big file, a folder of small files, one JSONL file);
(d) ``entx DIR --scheduler local:2`` when ``entx/cluster.py`` exists.

Raw spaCy runs in a subprocess too (``python bench/run.py --worker full|ner``), so its
peak RSS is measured the same way; its words per second count ``nlp.pipe`` only (model
loading excluded), which makes the ratios for entx (start-up included) conservative.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

# bench/profile.py would shadow the standard library's ``profile`` (which spaCy imports):
# this folder is not an import path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "public"
OUT = ROOT / "bench" / "out"
MODEL = "fr_core_news_md"
WORDS_PER_FILE = 150  # grouping threshold: documents average about 200 words (1,000,000 words -> about 5,000 files)
MAX_FILES = 5000
ONE_LINE = "Le ministre des Armées a annoncé à Toulon la livraison de douze canons Caesar à l'Ukraine par KNDS France.\n"
LARGE_FILE_CHARS = 1_000_000
PYTHON = sys.executable
ENTX = str(Path(sys.executable).with_name("entx"))


# --------------------------------------------------------------------------- corpus
def words(text: str) -> int:
    return len(text.split())


def _documents(target_words: int) -> list[str]:
    """Documents of about WORDS_PER_FILE words, the sets interleaved by position so that
    any prefix of the corpus mixes all genres; cycled when more words are asked for than
    the test sets hold (about 660,000)."""
    files = sorted(DATA.glob("*.test.jsonl"))
    if not files:
        sys.exit(f"no *.test.jsonl in {DATA}")
    keyed: list[tuple[float, str, str]] = []
    for path in files:
        docs, current, count = [], [], 0
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                text = json.loads(line).get("text", "").strip()
                if not text:
                    continue
                current.append(text)
                count += words(text)
                if count >= WORDS_PER_FILE:
                    docs.append("\n".join(current))
                    current, count = [], 0
        if current:
            docs.append("\n".join(current))
        keyed.extend(((i + 0.5) / len(docs), path.name, doc) for i, doc in enumerate(docs))
    keyed.sort(key=lambda k: (k[0], k[1]))
    pool = [doc for _, _, doc in keyed]
    out, total, i = [], 0, 0
    while total < target_words:
        doc = pool[i % len(pool)]
        out.append(doc)
        total += words(doc)
        i += 1
    return out


@dataclass
class Corpus:
    root: Path
    words: int
    characters: int
    documents: int

    @property
    def big(self) -> Path:
        return self.root / "corpus.txt"

    @property
    def folder(self) -> Path:
        return self.root / "docs"

    @property
    def jsonl(self) -> Path:
        return self.root / "corpus.jsonl"

    def layouts(self) -> dict[str, Path]:
        return {"big file": self.big, "folder": self.folder, "jsonl": self.jsonl}


def _data_signature() -> str:
    digest = hashlib.sha256()
    for path in sorted(DATA.glob("*.test.jsonl")):
        info = path.stat()
        digest.update(f"{path.name}:{info.st_size}:{int(info.st_mtime)}".encode())
    return digest.hexdigest()[:16]


def build_corpus(target_words: int, rebuild: bool = False) -> Corpus:
    """The three layouts of the same documents, reused when already built for this size."""
    root = OUT / f"corpus-{target_words}"
    manifest = root / "manifest.json"
    signature = _data_signature()
    if manifest.is_file() and not rebuild:
        info = json.loads(manifest.read_text())
        if info.get("signature") == signature and info.get("words_per_file") == WORDS_PER_FILE:
            return Corpus(root, info["words"], info["characters"], info["documents"])
    docs = _documents(target_words)
    if len(docs) > MAX_FILES:  # keep about 5,000 files: merge neighbours
        per = -(-len(docs) // MAX_FILES)
        docs = ["\n".join(docs[i : i + per]) for i in range(0, len(docs), per)]
    if root.exists():
        import shutil

        shutil.rmtree(root)
    (root / "docs").mkdir(parents=True)
    width = len(str(len(docs)))
    for number, doc in enumerate(docs):
        (root / "docs" / f"{number:0{width}d}.txt").write_text(doc + "\n", encoding="utf-8")
    with (root / "corpus.jsonl").open("w", encoding="utf-8") as handle:
        for number, doc in enumerate(docs):
            handle.write(json.dumps({"id": f"doc-{number:0{width}d}", "text": doc}, ensure_ascii=False) + "\n")
    big = "\n\n".join(docs) + "\n"
    (root / "corpus.txt").write_text(big, encoding="utf-8")
    corpus = Corpus(root, words(big), len(big), len(docs))
    manifest.write_text(
        json.dumps(
            {"signature": signature, "words_per_file": WORDS_PER_FILE, "words": corpus.words,
             "characters": corpus.characters, "documents": corpus.documents}
        )
    )
    return corpus


# --------------------------------------------------------------------------- raw spaCy worker
def ner_only_exclude(model: str) -> list[str]:
    """Components NER does not need: all but ``ner`` and a tok2vec it listens to."""
    from spacy.util import get_package_path, load_config

    config = load_config(next(get_package_path(model).glob("*/config.cfg")))
    keep = {"ner"}
    listener = config["components"]["ner"]["model"].get("tok2vec", {})
    if "Listener" in str(listener.get("@architectures", "")):
        keep.add(listener.get("upstream", "tok2vec"))
    return [name for name in config["nlp"]["pipeline"] if name not in keep]


def worker(kind: str, texts_path: str) -> None:
    """Raw spaCy in this process: load, then nlp.pipe over the documents; JSON on stdout."""
    started = time.perf_counter()
    import spacy

    excluded = [] if kind == "full" else ner_only_exclude(MODEL)
    nlp = spacy.load(MODEL, exclude=excluded)
    loaded = time.perf_counter()
    with open(texts_path, encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle]
    count = sum(words(t) for t in texts)
    cpu0, t0 = time.process_time(), time.perf_counter()
    entities = 0
    for doc in nlp.pipe(texts):
        entities += len(doc.ents)
    t1, cpu1 = time.perf_counter(), time.process_time()
    print(json.dumps({
        "pipeline": nlp.pipe_names, "excluded": excluded, "load_s": loaded - started, "pipe_s": t1 - t0, "pipe_cpu_s": cpu1 - cpu0,
        "words": count, "documents": len(texts), "entities": entities,
    }))


# --------------------------------------------------------------------------- measuring subprocesses
@dataclass
class Measure:
    wall: float
    cpu: float  # user + system of the process and the children it waited for
    max_rss: int  # bytes, the largest peak RSS of a single process (VmHWM sampled from /proc)
    tree_rss: int  # bytes, the largest sum over the process tree (sampled from /proc)
    code: int
    stdout: str = ""
    stderr: str = ""
    stalled: float | None = None  # share of the wall time some task waited for a CPU (/proc/pressure/cpu)
    killed: bool = False
    others: float | None = None  # CPUs used by the rest of the machine meanwhile (0 to the number of cores)


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(p) for p in handle.read().split())
    except OSError:
        pass
    return found


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError, ValueError):
        return 0


def _hwm(pid: int) -> int:
    """The process's own peak RSS (VmHWM). Unlike ``ru_maxrss``, which Linux carries over
    ``execve`` from the process that forked (here this script), it starts afresh."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


def _tree_rss(pid: int) -> tuple[int, int]:
    """RSS summed over the process tree, and the largest peak RSS of one process in it."""
    total, largest, stack, seen = 0, 0, [pid], set()
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        total += _rss(p)
        largest = max(largest, _hwm(p))
        stack.extend(_children(p))
    return total, largest


def _pressure() -> float | None:
    """Microseconds some runnable task has waited for a CPU since boot (PSI), if the kernel says."""
    try:
        with open("/proc/pressure/cpu") as handle:
            return float(handle.readline().rsplit("total=", 1)[1])
    except (OSError, IndexError, ValueError):
        return None


def _busy() -> float | None:
    """CPU seconds all processes of the machine have used since boot (/proc/stat)."""
    try:
        with open("/proc/stat") as handle:
            fields = [int(x) for x in handle.readline().split()[1:]]
        return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


RSS_LIMIT = 8 * 2**30  # a run whose processes pass this is stopped: the machine is shared


def measure(command: list[str], stdin: str | None = None, sample: float = 0.25) -> Measure:
    """Run ``command``; wall time, CPU time and peak memory of that run only.

    The command runs in its own session; if its processes together pass ``RSS_LIMIT`` they
    are stopped (the process group this function created, by its id) and the run is
    reported as killed.
    """
    stdout_path = OUT / ".stdout"
    stderr_path = OUT / ".stderr"
    with open(stdout_path, "w+b") as out, open(stderr_path, "w+b") as err:
        pressure0, busy0 = _pressure(), _busy()
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=ROOT, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=out, stderr=err, start_new_session=True,
        )
        peak = [0]
        largest = [0]
        killed = [False]
        done = threading.Event()

        def sampler() -> None:
            while not done.is_set():
                total, hwm = _tree_rss(process.pid)
                peak[0] = max(peak[0], total)
                largest[0] = max(largest[0], hwm)
                if peak[0] > RSS_LIMIT and not killed[0]:
                    killed[0] = True
                    try:
                        os.killpg(process.pid, 9)
                    except OSError:
                        pass
                done.wait(sample)

        thread = threading.Thread(target=sampler, daemon=True)
        thread.start()
        try:
            if stdin is not None:
                process.stdin.write(stdin.encode("utf-8"))
                process.stdin.close()
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:  # Ctrl-C or SIGTERM: take the run's own processes down with us
            try:
                os.killpg(process.pid, 9)
            except OSError:
                pass
            raise
        wall = time.perf_counter() - started
        pressure1, busy1 = _pressure(), _busy()
        process.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        thread.join()
        out.seek(0)
        err.seek(0)
        return Measure(
            wall=wall,
            cpu=usage.ru_utime + usage.ru_stime,
            # Sampled VmHWM; ``ru_maxrss`` only if sampling saw nothing (it includes this
            # script's own RSS, inherited at exec, so it is never less than about 100 MiB).
            max_rss=largest[0] or usage.ru_maxrss * 1024,
            tree_rss=max(peak[0], largest[0]),
            code=process.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            stalled=(pressure1 - pressure0) / 1e6 / wall if pressure0 is not None and pressure1 is not None else None,
            killed=killed[0],
            others=max(0.0, (busy1 - busy0 - usage.ru_utime - usage.ru_stime) / wall) if busy0 is not None and busy1 is not None else None,
        )


# --------------------------------------------------------------------------- the benchmark
@dataclass
class Row:
    name: str
    layout: str
    jobs: str
    words: int
    wall: float  # seconds counted for words/s
    total: float  # seconds of the whole subprocess
    cpu: float
    max_rss: int
    tree_rss: int
    entities: int | None
    note: str = ""
    ok: bool = True
    extra: dict = field(default_factory=dict)
    stalled: float | None = None
    others: float | None = None  # CPUs the rest of the machine used during the run

    @property
    def wps(self) -> float:
        return self.words / self.wall if self.ok and self.wall > 0 else 0.0

    @property
    def cpu_wps(self) -> float:
        """Words per CPU second (all processes): what the machine's noise affects least."""
        return self.words / self.cpu if self.ok and self.cpu > 0 else 0.0


def raw_run(kind: str, corpus: Corpus, console) -> Row:
    name = "(a) raw spaCy, full pipeline" if kind == "full" else "(b) raw spaCy, ner only"
    console.print(f"[dim]{time.strftime('%H:%M:%S')}[/] {name} ...")
    m = measure([PYTHON, str(Path(__file__).resolve()), "--worker", kind, "--texts", str(corpus.jsonl)])
    if m.code != 0:
        console.print(m.stderr[-2000:])
        return Row(name, "in-process list", "1", corpus.words, 0, m.wall, m.cpu, m.max_rss, m.tree_rss, None,
                   "killed over the RSS limit" if m.killed else f"failed ({m.code})", ok=False)
    info = json.loads(m.stdout.strip().splitlines()[-1])
    row = Row(
        name, "in-process list", "1", info["words"], info["pipe_s"], m.wall, info["pipe_cpu_s"], m.max_rss, m.tree_rss,
        info["entities"], note=f"load {info['load_s']:.1f} s, pipe {', '.join(info['pipeline'])}", extra=info,
        stalled=m.stalled, others=m.others,
    )
    console.print(f"    {row.wps:,.0f} words/s (nlp.pipe {row.wall:.1f} s, CPU {row.cpu:.1f} s, whole process {m.wall:.1f} s, peak {m.max_rss / 2**20:,.0f} MiB)")
    return row


def _result_stats(path: Path) -> tuple[int, int, str]:
    """Documents, entities and a digest of an entx JSONL output."""
    digest, docs, entities = hashlib.sha256(), 0, 0
    with path.open("rb") as handle:
        for line in handle:
            digest.update(line)
            docs += 1
            entities += len(json.loads(line)["entities"])
    return docs, entities, digest.hexdigest()[:12]


def entx_run(name: str, layout: str, target: Path, corpus: Corpus, jobs: int | None, console, scheduler: str | None = None) -> Row:
    out = OUT / f"entx-{corpus.words}-{layout.replace(' ', '-')}-{scheduler.replace(':', '') if scheduler else f'j{jobs}'}.jsonl"
    command = [ENTX, str(target), "-f", "jsonl", "-o", str(out)]
    command += ["--scheduler", scheduler] if scheduler else ["--jobs", str(jobs)]
    label = scheduler or f"--jobs {jobs}"
    console.print(f"[dim]{time.strftime('%H:%M:%S')}[/] {name}: entx {layout} {label} ...")
    if out.exists():
        out.unlink()
    m = measure(command)
    if m.code != 0 or not out.exists():
        tail = (m.stderr.strip().splitlines() or ["no message"])[-1]
        if m.killed:
            tail = f"killed when its processes passed {RSS_LIMIT / 2**30:.1f} GiB RSS, after {m.wall:.0f} s"
        console.print(f"    [red]failed[/] (exit {m.code}): {tail}")
        return Row(name, layout, label, corpus.words, m.wall, m.wall, m.cpu, m.max_rss, m.tree_rss, None,
                   tail[:160] if m.killed else f"failed, exit {m.code}: {tail[:120]}", ok=False, stalled=m.stalled, others=m.others)
    docs, entities, digest = _result_stats(out)
    warnings = [line for line in m.stderr.splitlines() if line.strip()]
    note = f"{docs} docs out, sha {digest}" + (f", {len(warnings)} stderr lines" if warnings else "")
    row = Row(name, layout, label, corpus.words, m.wall, m.wall, m.cpu, m.max_rss, m.tree_rss, entities, note,
              extra={"digest": digest, "output": str(out), "stderr": warnings[:5]}, stalled=m.stalled, others=m.others)
    console.print(f"    {row.wps:,.0f} words/s ({m.wall:.1f} s, CPU {m.cpu:.1f} s, peak {m.max_rss / 2**20:,.0f} MiB"
                  f"{f', CPU stall {m.stalled:.0%}' if m.stalled is not None else ''}"
                  f"{f', other processes {m.others:.1f} CPUs' if m.others is not None else ''})")
    return row


def startup(console, repeats: int, exclude: list[str]) -> dict:
    """``entx --help``, and one line through entx vs raw spaCy (load + process) in ``python -c``."""
    line_file = OUT / "one-line.txt"
    line_file.write_text(ONE_LINE, encoding="utf-8")
    console.print(f"[dim]{time.strftime('%H:%M:%S')}[/] start-up times ({repeats} runs each, interleaved) ...")
    snippet = "import spacy; nlp = spacy.load({model!r}{extra}); doc = nlp(open({path!r}, encoding='utf-8').read()); print(len(doc.ents))"
    commands = {
        "entx --help": [ENTX, "--help"],
        "entx one line": [ENTX, str(line_file), "-f", "jsonl", "-o", str(OUT / "one-line.jsonl")],
        "raw spaCy load + one line (full)": [PYTHON, "-c", snippet.format(model=MODEL, extra="", path=str(line_file))],
        "raw spaCy load + one line (ner only)": [
            PYTHON, "-c", snippet.format(model=MODEL, extra=f", exclude={exclude!r}", path=str(line_file)),
        ],
    }
    times: dict[str, list[float]] = {k: [] for k in commands}
    rss: dict[str, int] = {k: 0 for k in commands}
    for _ in range(repeats):
        for key, command in commands.items():
            m = measure(command, sample=0.05)
            if m.code != 0:
                console.print(f"    [red]{key} failed[/]: {m.stderr.strip()[-300:]}")
            times[key].append(m.wall)
            rss[key] = max(rss[key], m.max_rss)
    result = {k: {"median": statistics.median(v), "runs": v, "max_rss": rss[k]} for k, v in times.items()}
    for key, value in result.items():
        console.print(f"    {key}: median {value['median']:.2f} s  ({', '.join(f'{t:.2f}' for t in value['runs'])})")
    return result


def large_file(corpus: Corpus) -> Path:
    """The corpus's prose repeated to 1.2 times spaCy's ``max_length``, as one file."""
    text = corpus.big.read_text(encoding="utf-8")
    size = int(LARGE_FILE_CHARS * 1.2)
    path = corpus.root / "large.txt"
    path.write_text((text * (size // len(text) + 1))[:size], encoding="utf-8")
    return path


def large_file_check(corpus: Corpus, rows: list[Row], console) -> dict:
    """One file over 1,000,000 characters: it must work and offsets must be exact."""
    path = corpus.big
    row = next((r for r in rows if r.layout == "big file" and r.jobs == "--jobs 1"), None)
    if corpus.characters <= LARGE_FILE_CHARS or row is None or not row.ok:
        path = large_file(corpus)
        text = path.read_text(encoding="utf-8")
        row = entx_run("large single file", "large file", path, Corpus(corpus.root, words(text), len(text), 1), 1, console)
    text = path.read_text(encoding="utf-8")
    result = {"characters": len(text), "words": words(text), "seconds": row.wall, "ok": row.ok, "entities": row.entities,
              "wps": row.wps, "cpu": row.cpu, "max_rss": row.max_rss, "note": row.note}
    if row.ok:
        with open(row.extra["output"], encoding="utf-8") as handle:
            records = [json.loads(line) for line in handle]
        wrong = sum(
            1 for record in records for e in record["entities"] if text[e["start"] : e["end"]] != e["text"]
        )
        result["offset_errors"] = wrong
        result["ok"] = wrong == 0 and len(records) == 1
    console.print(
        f"    large file: {len(text):,} characters in {row.wall:.1f} s, "
        f"{'ok' if result['ok'] else 'FAILED'} ({result.get('offset_errors', '?')} offset errors)"
    )
    return result


def machine() -> dict:
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = 0
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = int(line.split()[1]) * 1024
    except OSError:
        pass
    # Versions from a subprocess: importing spaCy here would grow this process, whose RSS
    # every child inherits as its ``ru_maxrss`` floor.
    versions = subprocess.run(
        [PYTHON, "-c", f"from importlib.metadata import version as v; print(v('spacy'), v({MODEL.replace('_', '-')!r}))"],
        capture_output=True, text=True,
    ).stdout.split() or ["?", "?"]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "entx"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory": mem, "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}", "spacy": versions[0], "model": f"{MODEL} {versions[-1]}",
        "commit": commit + (" (entx/ with uncommitted changes)" if dirty else ""),
    }


def load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


# --------------------------------------------------------------------------- report
def mib(n: int) -> str:
    return f"{n / 2**20:,.0f} MiB"


def pct(x: float | None) -> str:
    return f"{x:.0%}" if x is not None else "–"


def noise(r: Row) -> str:
    """CPU stall share / CPUs used by other processes of the machine during the run."""
    return f"{pct(r.stalled)} / {r.others:.1f}" if r.others is not None else pct(r.stalled)


def verdict(x: bool | None) -> str:
    return "pass" if x else "**FAIL**" if x is not None else "–"


def ratio(x: float, y: float) -> str:
    return f"{x / y:.2f}×" if x and y else "–"


Check = tuple[str, str, "bool | None", "bool | None"]  # target, measured, pass on wall time, pass on CPU time


def targets(rows: list[Row], a: Row, b: Row, start: dict, large: dict) -> list[Check]:
    checks: list[Check] = []
    by = {(r.layout, r.jobs): r for r in rows}

    def versus(row: Row, base: Row, factor: float, what: str) -> Check:
        if not (row.ok and base.ok and base.wps and base.cpu_wps):
            return (what, row.note or "–", False if not row.ok else None, None)
        wall, cpu = row.wps / base.wps, row.cpu_wps / base.cpu_wps
        return (what, f"{wall:.3f}× (CPU {cpu:.3f}×)", wall >= factor, cpu >= factor)

    for layout in ("big file", "folder", "jsonl"):
        r1 = by.get((layout, "--jobs 1"))
        r2 = by.get((layout, "--jobs 2"))
        if r1:
            checks.append(versus(r1, a, 2.0, f"entx {layout} --jobs 1 ≥ 2× raw full (a)"))
            checks.append(versus(r1, b, 0.85, f"entx {layout} --jobs 1 ≥ 0.85× ner only (b)"))
            rss = mib(r1.max_rss) if r1.ok else r1.note
            checks.append((f"entx {layout} --jobs 1 peak RSS < 1 GB", rss, r1.ok and r1.max_rss < 10**9, None))
        if r1 and r2:
            if r1.ok and r2.ok:
                checks.append((f"entx {layout} --jobs 2 ≥ 1.7× --jobs 1",
                               f"{r2.wps / r1.wps:.2f}× (--jobs 2 used {r2.cpu / r2.wall:.2f} CPUs on average"
                               + (f", other processes {r2.others:.1f}" if r2.others is not None else "")
                               + f"; on 2 idle cores at most 2 × CPU(--jobs 1) / CPU(--jobs 2) = {2 * r1.cpu / r2.cpu:.2f}×)",
                               r2.wps >= 1.7 * r1.wps, None))
            else:
                checks.append((f"entx {layout} --jobs 2 ≥ 1.7× --jobs 1", "a run failed", False, None))
    dask, jobs2 = by.get(("folder", "local:2")), by.get(("folder", "--jobs 2"))
    if dask and jobs2:
        both = dask.ok and jobs2.ok
        checks.append(("entx folder --scheduler local:2 within 15% of --jobs 2",
                       f"{dask.wps / jobs2.wps:.2f}× (CPU {dask.cpu:.1f} s against {jobs2.cpu:.1f} s)" if both else "a run failed",
                       both and dask.wps >= 0.85 * jobs2.wps, None))
    helps = start["entx --help"]["median"]
    checks.append(("entx --help < 0.3 s", f"{helps:.2f} s", helps < 0.3, None))
    line = start["entx one line"]["median"]
    raw = start["raw spaCy load + one line (full)"]["median"]
    checks.append(("entx one line ≤ 1.2× raw spaCy load + process", f"{line:.2f} s vs {raw:.2f} s = {line / raw:.2f}×", line <= 1.2 * raw, None))
    checks.append((f"one file of {large['characters']:,} characters (> 1,000,000) works", f"{large['seconds']:.1f} s, {large.get('offset_errors', '?')} offset errors, peak {mib(large['max_rss'])}", large["ok"], None))
    return checks


def markdown(corpus: Corpus, info: dict, rows: list[Row], a: Row, b: Row, start: dict, large: dict,
             checks, loads: tuple[str, str], started: str, elapsed: float, notes: list[str]) -> str:
    lines = [
        "# entx benchmark results",
        "",
        f"- Date: {started} (took {elapsed / 60:.1f} min)",
        f"- Machine: {info['cpu']}, {info['cores']} cores, {info['memory'] / 2**30:.0f} GiB RAM, {info['os']}; "
        f"load average before / after: {loads[0]} → {loads[1]} (shared machine: compare ratios, not absolute figures)",
        f"- Software: Python {info['python']}, spaCy {info['spacy']}, {info['model']}, entx commit {info['commit']}",
        f"- Command: `{' '.join(['python', 'bench/run.py', *sys.argv[1:]])}`",
        f"- Corpus: {corpus.words:,} words (whitespace-split), {corpus.characters:,} characters, {corpus.documents:,} documents "
        "of real French prose from the `text` fields of the public test sets (Wikipedia sentences, 19th-c. novels, "
        "historical OCR press), cycled past their ~660,000 words; laid out as one big file, a folder of "
        f"{corpus.documents:,} files, and one JSONL file of {corpus.documents:,} lines.",
        "",
        "Words/s = corpus words / seconds. Raw spaCy (a, b): `nlp.pipe` time only, model load excluded. "
        "entx (c, d): the whole `entx INPUT -f jsonl -o OUT` subprocess, start-up included. "
        "Words/CPU s counts user + system CPU of all processes (for raw spaCy, of `nlp.pipe` only): the other "
        "tenants of the machine change it least, so it is the fairer single-process comparison. CPU stall: share of the "
        "run's wall time during which some task on the machine waited for a CPU (`/proc/pressure/cpu`); others' CPUs: "
        "CPU used meanwhile by processes that are not the run's (`/proc/stat`), in cores: both measure the noise. Peak RSS: largest single process (its VmHWM) / sum over all processes of the run, both sampled from `/proc`.",
        "",
        "| run | input | jobs | seconds | words/s | vs (a) full | vs (b) ner only | CPU s | words/CPU s (vs a / vs b) | CPU stall / others' CPUs | peak RSS (1 process / all) | entities |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        if not r.ok:
            lines.append(f"| {r.name} | {r.layout} | {r.jobs} | – | – | – | – | – | – | {noise(r)} | {mib(r.max_rss)} / {mib(r.tree_rss)} | {r.note} |")
            continue
        lines.append(
            f"| {r.name} | {r.layout} | {r.jobs} | {r.wall:.1f} | {r.wps:,.0f} | {ratio(r.wps, a.wps)} | {ratio(r.wps, b.wps)} | "
            f"{r.cpu:.1f} | {r.cpu_wps:,.0f} ({ratio(r.cpu_wps, a.cpu_wps)} / {ratio(r.cpu_wps, b.cpu_wps)}) | {noise(r)} | "
            f"{mib(r.max_rss)} / {mib(r.tree_rss)} | {r.entities if r.entities is not None else '–'} |"
        )
    by = {(r.layout, r.jobs): r for r in rows}
    lines += ["", "Scaling, `--jobs 2` / `--jobs 1` (words/s): " + ", ".join(
        f"{layout} {ratio(by[(layout, '--jobs 2')].wps, by[(layout, '--jobs 1')].wps)}"
        for layout in ("big file", "folder", "jsonl") if (layout, "--jobs 2") in by and (layout, "--jobs 1") in by
    ) + "."]
    lines += ["", "Start-up (median of %d, wall seconds, each a fresh process):" % len(start["entx --help"]["runs"]), "",
              "| command | median s | runs | peak RSS |", "|---|---:|---|---:|"]
    for key, value in start.items():
        lines.append(f"| `{key}` | {value['median']:.2f} | {', '.join(f'{t:.2f}' for t in value['runs'])} | {mib(value['max_rss'])} |")
    lines += ["", f"Large single file: {large['characters']:,} characters ({large['words']:,} words) in one file: "
              f"{large['seconds']:.1f} s ({large['wps']:,.0f} words/s), {large['entities']} entities, "
              f"{large.get('offset_errors', '?')} offsets not matching the text, peak RSS {mib(large['max_rss'])}: "
              f"{'works' if large['ok'] else 'FAILED'}.", "", "## Targets", "",
              "Pass/fail is judged on wall-clock words/s as the targets are stated; the CPU-time verdict is given beside it "
              "because the machine is shared.", "",
              "| target | measured | pass (wall) | pass (CPU) |", "|---|---|---|---|"]
    for what, value, passed, cpu_passed in checks:
        lines.append(f"| {what} | {value} | {verdict(passed)} | {verdict(cpu_passed) if cpu_passed is not None else ''} |")
    if notes:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in notes]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=1_000_000, help="corpus size in words (default 1,000,000)")
    parser.add_argument("--quick", action="store_true", help="about 100,000 words")
    parser.add_argument("--rebuild", action="store_true", help="build the corpus again even if bench/out has it")
    parser.add_argument("--results", type=Path, help="Markdown file to write (default bench/RESULTS.md, bench/RESULTS-quick.md with --quick)")
    parser.add_argument("--repeats", type=int, help="start-up runs per command (default 5)")
    parser.add_argument("--rss-limit", type=float, default=8.0, help="stop a run whose processes pass this many GiB (default 8)")
    parser.add_argument("--worker", choices=("full", "ner"), help=argparse.SUPPRESS)
    parser.add_argument("--texts", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.texts)
        return

    from rich.console import Console
    from rich.table import Table

    global RSS_LIMIT
    RSS_LIMIT = int(args.rss_limit * 2**30)
    import signal

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    console = Console(highlight=False)
    if not console.is_terminal:
        console = Console(highlight=False, width=170)
    target_words = 100_000 if args.quick else args.words
    results = args.results or (ROOT / "bench" / ("RESULTS-quick.md" if args.quick else "RESULTS.md"))
    started = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    t_start = time.perf_counter()
    load_before = load()
    OUT.mkdir(parents=True, exist_ok=True)
    info = machine()
    console.print(f"[bold]entx benchmark[/] — {info['cpu']}, {info['cores']} cores, load {load_before}")
    corpus = build_corpus(target_words, rebuild=args.rebuild)
    console.print(f"corpus: {corpus.words:,} words, {corpus.characters:,} characters, {corpus.documents:,} documents in {corpus.root.relative_to(ROOT)}")
    notes: list[str] = []

    # Raw NER-only is measured first and last: the spread shows how noisy the machine was.
    b1 = raw_run("ner", corpus, console)
    a = raw_run("full", corpus, console)
    rows_entx: list[Row] = []
    for layout, path in corpus.layouts().items():
        for jobs in (1, 2):
            rows_entx.append(entx_run("(c) entx", layout, path, corpus, jobs, console))
    if (ROOT / "entx" / "cluster.py").exists():
        row = entx_run("(d) entx on Dask", "folder", corpus.folder, corpus, None, console, scheduler="local:2")
        rows_entx.append(row)
        if not row.ok:
            notes.append(f"(d) `--scheduler local:2` failed: {row.note}")
    else:
        notes.append("(d) `entx DIR --scheduler local:2` skipped: entx/cluster.py does not exist yet.")
    b2 = raw_run("ner", corpus, console)
    b = b1 if not b2.ok else b2 if not b1.ok else Row(
        "(b) raw spaCy, ner only", b1.layout, "1", b1.words, (b1.wall + b2.wall) / 2, (b1.total + b2.total) / 2,
        (b1.cpu + b2.cpu) / 2, max(b1.max_rss, b2.max_rss), max(b1.tree_rss, b2.tree_rss), b1.entities,
        note=f"mean of a run before ({b1.wps:,.0f} words/s) and after ({b2.wps:,.0f}) entx", extra=b1.extra,
        stalled=(b1.stalled + b2.stalled) / 2 if b1.stalled is not None and b2.stalled is not None else None,
        others=(b1.others + b2.others) / 2 if b1.others is not None and b2.others is not None else None,
    )
    if b1.ok and b2.ok and abs(b1.wps - b2.wps) / max(b1.wps, b2.wps) > 0.1:
        notes.append(f"Noisy machine: raw ner-only ran at {b1.wps:,.0f} words/s before entx and {b2.wps:,.0f} after "
                     f"({abs(b1.wps - b2.wps) / max(b1.wps, b2.wps):.0%} apart).")
    busy = [r for r in rows_entx if r.ok and r.jobs != "--jobs 1" and r.others is not None and r.others >= 0.5]
    if busy:
        notes.append("Parallel runs measured while other processes used at least half a CPU ("
                     + ", ".join(f"{r.layout} {r.jobs}: {r.others:.1f}" for r in busy)
                     + "): their wall-clock scaling says little about entx; see the bound from CPU time in Targets.")
    for layout in ("big file", "folder", "jsonl"):
        pair = [r for r in rows_entx if r.layout == layout and r.jobs in ("--jobs 1", "--jobs 2") and r.ok]
        if len(pair) == 2 and pair[0].extra["digest"] != pair[1].extra["digest"]:
            notes.append(f"{layout}: --jobs 1 and --jobs 2 outputs differ ({pair[0].extra['digest']} vs {pair[1].extra['digest']}).")
    local = [r for r in rows_entx if r.layout == "folder" and r.jobs in ("--jobs 1", "local:2") and r.ok]
    if len(local) == 2 and local[0].extra["digest"] != local[1].extra["digest"]:
        notes.append(f"folder: --jobs 1 and --scheduler local:2 outputs differ ({local[0].extra['digest']} vs {local[1].extra['digest']}).")
    exclude = b1.extra.get("excluded") or b2.extra.get("excluded") or ["tok2vec", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer"]
    start = startup(console, args.repeats or (3 if args.quick else 5), exclude)
    large = large_file_check(corpus, rows_entx, console)
    rows = [a, b, *rows_entx]
    load_after = load()
    elapsed = time.perf_counter() - t_start
    commit_after = machine()["commit"]
    if commit_after != info["commit"]:
        notes.append(f"entx changed during the run (installed editable): commit {info['commit']} at the start, "
                     f"{commit_after} at the end; rows measured the code of their time.")
    checks = targets(rows_entx, a, b, start, large)

    table = Table(title=f"entx vs raw spaCy — {corpus.words:,} words, {info['cores']} cores, load {load_before} → {load_after}", title_justify="left")
    for column in ("run", "input", "jobs", "s", "words/s", "vs (a)", "vs (b)", "CPU s", "w/CPU s vs a / b", "stall / others", "peak RSS 1 / all", "entities"):
        table.add_column(column, justify="right" if column not in ("run", "input", "jobs") else "left")
    for r in rows:
        if r.ok:
            table.add_row(r.name, r.layout, r.jobs, f"{r.wall:.1f}", f"{r.wps:,.0f}", ratio(r.wps, a.wps), ratio(r.wps, b.wps),
                          f"{r.cpu:.1f}", f"{ratio(r.cpu_wps, a.cpu_wps)} / {ratio(r.cpu_wps, b.cpu_wps)}", noise(r),
                          f"{mib(r.max_rss)} / {mib(r.tree_rss)}", str(r.entities))
        else:
            table.add_row(r.name, r.layout, r.jobs, "–", "–", "–", "–", "–", "–", noise(r),
                          f"{mib(r.max_rss)} / {mib(r.tree_rss)}", f"[red]{r.note}[/]")
    console.print(table)
    verdicts = Table(title="Targets", title_justify="left")
    for column in ("target", "measured", "pass (wall)", "pass (CPU)"):
        verdicts.add_column(column)
    for what, value, passed, cpu_passed in checks:
        verdicts.add_row(what, value, "[green]pass[/]" if passed else "[red]FAIL[/]",
                         "" if cpu_passed is None else "[green]pass[/]" if cpu_passed else "[red]FAIL[/]")
    console.print(verdicts)
    for note in notes:
        console.print(f"[yellow]note:[/] {note}")
    results.write_text(markdown(corpus, info, rows, a, b, start, large, checks, (load_before, load_after), started, elapsed, notes), encoding="utf-8")
    (OUT / f"results-{corpus.words}.json").write_text(json.dumps({
        "rows": [{**r.__dict__, "wps": r.wps} for r in rows], "startup": start, "large": large,
        "checks": checks, "machine": info, "notes": notes}, indent=1, default=str))
    console.print(f"written: {results} ({elapsed / 60:.1f} min)")


if __name__ == "__main__":
    main()
