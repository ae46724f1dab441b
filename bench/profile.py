"""Where entx spends its time: a pyinstrument profile of a real run, and a per-stage breakdown.

Run from the repository root (after or without ``bench/run.py``; the corpus is built the
same way, into ``bench/out/``)::

    python bench/profile.py                 # 100,000-word corpus, JSONL and big-file layouts
    python bench/profile.py --words 1000000 --layout jsonl

Three parts, written to ``bench/PROFILE.md``:

1. ``entx INPUT -f jsonl -o OUT --jobs 1`` run in this process under pyinstrument (the
   same as ``python -m pyinstrument -m entx INPUT ...``): the top of the call tree, the
   inclusive time of every function of entx's own code, and the self time of the
   hottest functions anywhere;
2. each stage timed alone in CPU seconds on the same documents (reading, tokenizer,
   ``ner``, each entx component, building the records, writing JSON Lines), for the
   corpus's documents and for the 100,000-character pieces a big file is cut into;
3. memory and speed of the pipeline on a 1.2-million-character file for piece sizes
   and ``nlp.pipe`` batch sizes, each in a fresh subprocess.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

# This file is named like the standard library's ``profile`` (which spaCy imports through
# cProfile): its folder must not be an import path. bench/run.py is loaded by its path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]


def _load_run():
    import importlib.util

    spec = importlib.util.spec_from_file_location("entx_bench_run", Path(__file__).resolve().parent / "run.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


_run = _load_run()
MODEL, OUT, PYTHON, ROOT, build_corpus, words = _run.MODEL, _run.OUT, _run.PYTHON, _run.ROOT, _run.build_corpus, _run.words

ENTX_DIR = str(ROOT / "entx")


# --------------------------------------------------------------------------- 1. pyinstrument
def profile_run(target: Path, interval: float):
    from pyinstrument import Profiler

    import entx.cli

    out = OUT / "profile-output.jsonl"
    argv = sys.argv
    sys.argv = ["entx", str(target), "-f", "jsonl", "-o", str(out), "--jobs", "1"]
    profiler = Profiler(interval=interval)
    started = time.perf_counter()
    profiler.start()
    try:
        entx.cli.main()
    except SystemExit as exit_:
        code = exit_.code
    else:
        code = 0
    finally:
        profiler.stop()
        sys.argv = argv
    return profiler, time.perf_counter() - started, code


def _name(frame) -> str:
    path = frame.file_path or ""
    short = path.split("site-packages/")[-1] if "site-packages/" in path else path.replace(str(ROOT) + "/", "")
    owner = f"{frame.class_name}." if frame.class_name else ""
    return f"{owner}{frame.function} ({short}:{frame.line_no})"


def aggregate(root):
    """Inclusive time per function (outermost call on each path only) and self time."""
    inclusive: dict[str, float] = defaultdict(float)
    self_time: dict[str, float] = defaultdict(float)
    files: dict[str, str] = {}

    def walk(frame, active: frozenset) -> None:
        if frame.is_synthetic:
            return
        key = _name(frame)
        files[key] = frame.file_path or ""
        if key not in active:
            inclusive[key] += frame.time
            active = active | {key}
        self_time[key] += frame.total_self_time
        for child in frame.children:
            walk(child, active)

    walk(root, frozenset())
    return inclusive, self_time, files


def profile_section(layout: str, target: Path, corpus_words: int, interval: float, top_lines: int) -> list[str]:
    print(f"{time.strftime('%H:%M:%S')} pyinstrument: entx {layout} ...", flush=True)
    profiler, wall, code = profile_run(target, interval)
    session = profiler.last_session
    root = session.root_frame()
    total = root.time
    inclusive, self_time, files = aggregate(root)
    text = profiler.output_text(unicode=True, color=False, show_all=False)
    tree = [line for line in text.splitlines() if line.strip()]
    kept = tree[:top_lines]  # the header pyinstrument prints, then the top of the tree
    own = sorted(((t, k) for k, t in inclusive.items() if files[k].startswith(ENTX_DIR)), reverse=True)
    hot = sorted(((t, k) for k, t in self_time.items()), reverse=True)[:25]
    lines = [
        f"### `entx {target.relative_to(ROOT)} -f jsonl -o OUT --jobs 1` ({layout})",
        "",
        f"{corpus_words:,} words in {wall:.1f} s wall under the profiler ({corpus_words / wall:,.0f} words/s), "
        f"exit code {code}, sampled every {interval * 1000:g} ms; {total:.1f} s of samples.",
        "",
        "Top of the call tree (pyinstrument, library frames folded). Compiled code called from Cython (thinc's "
        "`gemm`, `maxout`, spaCy's `cinit`, the tokenizer's `find_*`) is shown at the root, outside the entx frames "
        "that caused it, so inclusive times below are lower bounds: part 2 gives each stage's share.",
        "",
        "```",
        *kept,
        "```",
        "",
        "entx's own functions, inclusive time (callees included, recursion counted once):",
        "",
        "| % of run | seconds | function |",
        "|---:|---:|---|",
    ]
    lines += [f"| {t / total:.1%} | {t:.2f} | `{k}` |" for t, k in own[:30] if t / total >= 0.002]
    lines += ["", "Hottest functions anywhere, self time (where the CPU is; Cython code such as the tokenizer and "
              "the NER's transition system counts as self time of the Python frame that calls it):", "",
              "| % of run | seconds | function |", "|---:|---:|---|"]
    lines += [f"| {t / total:.1%} | {t:.2f} | `{k}` |" for t, k in hot if t / total >= 0.002]
    return lines + [""]


# --------------------------------------------------------------------------- 2. stages
def stage_breakdown(texts: list[str], label: str, jsonl: Path | None) -> list[str]:
    """CPU seconds of each stage, each run alone over the same texts."""
    from entx.engine import Annotator
    from entx.records import Document
    from entx.render.data import JsonLinesRenderer
    from entx.runner import RunOptions, engine_settings
    from entx.sources import SourceOptions, read_sources

    print(f"{time.strftime('%H:%M:%S')} stages: {label} ...", flush=True)
    count = sum(words(t) for t in texts)
    annotator = Annotator(engine_settings(RunOptions(inputs=[], model=MODEL)))
    nlp = annotator.nlp
    nlp.pipe([texts[0][:2000]])  # warm up
    timings: list[tuple[str, float]] = []
    if jsonl is not None:
        t0 = time.process_time()
        read = sum(1 for _ in read_sources([str(jsonl)], SourceOptions()))
        timings.append((f"read and decode the input ({read} documents, entx.sources)", time.process_time() - t0))
    t0 = time.process_time()
    docs = [nlp.make_doc(t) for t in texts]
    timings.append(("tokenizer (spaCy)", time.process_time() - t0))
    batch = annotator.settings.pipeline.batch_size
    for name, component in nlp.pipeline:
        t0 = time.process_time()
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=batch))
        else:
            docs = [component(doc) for doc in docs]
        timings.append((f"{name}" + (" (spaCy model)" if not name.startswith("entx") else " (entx component)"), time.process_time() - t0))
    t0 = time.process_time()
    found = [list(annotator._entities(doc, 0)) for doc in docs]
    timings.append(("doc.ents → Entity records (Annotator._entities)", time.process_time() - t0))
    from entx.engine import finish

    labels = annotator.settings.labels
    t0 = time.process_time()
    results = [finish(Document(text=t, source="x"), f, labels) for t, f in zip(texts, found)]
    timings.append(("harmonise + labels + canonical (engine.finish)", time.process_time() - t0))
    t0 = time.process_time()
    renderer = JsonLinesRenderer(io.StringIO())
    for result in results:
        renderer.write(result)
    timings.append(("JSON Lines output (render.data.JsonLinesRenderer)", time.process_time() - t0))
    total = sum(t for _, t in timings)
    entities = sum(len(r.entities) for r in results)
    lines = [f"### Stages on {label}", "",
             f"{len(texts):,} texts, {count:,} words, {entities:,} entities; {total:.1f} CPU s in all "
             f"({count / total:,.0f} words/CPU s).", "",
             "| stage | CPU s | % | words/CPU s |", "|---|---:|---:|---:|"]
    for name, t in timings:
        lines.append(f"| {name} | {t:.2f} | {t / total:.1%} | {count / t:,.0f} |" if t > 0 else f"| {name} | 0 | 0% | – |")
    return lines + [""]


# --------------------------------------------------------------------------- 3. memory of long documents
MEMORY_SNIPPET = """
import json, sys, time
from entx.chunking import split_text
from entx.pipeline import PipelineSettings, load_pipeline
limit, batch = int(sys.argv[1]), int(sys.argv[2])
text = open(sys.argv[3], encoding="utf-8").read()
nlp = load_pipeline(PipelineSettings({model!r}))
def hwm():  # VmHWM, not ru_maxrss: that one carries the parent's RSS over exec
    return next(int(l.split()[1]) * 1024 for l in open("/proc/self/status") if l.startswith("VmHWM:"))
before = hwm()
pieces = [piece for _, piece in split_text(text, limit)]
t0, c0 = time.perf_counter(), time.process_time()
entities = sum(len(doc.ents) for doc in nlp.pipe(pieces, batch_size=batch))
print(json.dumps({{"pieces": len(pieces), "wall": time.perf_counter() - t0, "cpu": time.process_time() - c0,
    "entities": entities, "rss_before": before, "rss": hwm()}}))
"""


def memory_section(text_path: Path) -> list[str]:
    from entx.chunking import DEFAULT_LIMIT as limit_now
    from entx.pipeline import PipelineSettings

    batch_now = PipelineSettings(MODEL).batch_size
    text = text_path.read_text(encoding="utf-8")
    count = words(text)
    lines = [f"### One file of {len(text):,} characters ({count:,} words): piece size and `nlp.pipe` batch size", "",
             "The entx pipeline (`load_pipeline`), `split_text(text, limit)` then `nlp.pipe(pieces, batch_size=...)`, each "
             f"configuration in a fresh process. entx at this commit: limit {limit_now:,} (`chunking.DEFAULT_LIMIT`), "
             f"batch size {batch_now} (`PipelineSettings.batch_size`).", "",
             "| piece limit (chars) | batch size | pieces | CPU s | words/CPU s | peak RSS (after load) | entities |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    for limit, batch in dict.fromkeys(((limit_now, batch_now), (100_000, 64), (100_000, 1), (20_000, 64), (10_000, 64), (10_000, 8))):
        print(f"{time.strftime('%H:%M:%S')} memory: limit {limit}, batch {batch} ...", flush=True)
        done = subprocess.run([PYTHON, "-c", MEMORY_SNIPPET.format(model=MODEL), str(limit), str(batch), str(text_path)],
                              cwd=ROOT, capture_output=True, text=True)
        if done.returncode != 0:
            lines.append(f"| {limit:,} | {batch} | failed: {done.stderr.strip().splitlines()[-1][:100]} | | | | |")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        lines.append(f"| {limit:,} | {batch} | {r['pieces']} | {r['cpu']:.1f} | {count / r['cpu']:,.0f} | "
                     f"{r['rss'] / 2**20:,.0f} MiB ({r['rss_before'] / 2**20:,.0f} MiB) | {r['entities']:,} |")
    return lines + [""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=100_000, help="corpus size (default 100,000, as bench/run.py --quick)")
    parser.add_argument("--layout", default="jsonl,big file", help="comma-separated: jsonl, folder, big file")
    parser.add_argument("--interval", type=float, default=0.001, help="pyinstrument sampling interval, seconds")
    parser.add_argument("--top", type=int, default=70, help="lines of the call tree to keep")
    parser.add_argument("--no-memory", action="store_true", help="skip part 3")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "PROFILE.md")
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    corpus = build_corpus(args.words)
    layouts = corpus.layouts()
    started = time.strftime("%Y-%m-%d %H:%M %Z")
    lines = ["# Where entx spends its time", "",
             f"- Date: {started}; command: `{' '.join(['python', 'bench/profile.py', *sys.argv[1:]])}`",
             f"- entx commit: {_run.machine()['commit']}",
             f"- Corpus: {corpus.words:,} words, {corpus.documents:,} documents (built by bench/run.py from the public test sets)",
             "- Machine: shared, 2 cores: read percentages, not seconds.", "",
             "## 1. Profile of a real run (pyinstrument)", ""]
    for layout in [name.strip() for name in args.layout.split(",") if name.strip()]:
        lines += profile_section(layout, layouts[layout], corpus.words, args.interval, args.top)
    lines += ["## 2. Stages timed alone (CPU seconds)", ""]
    with corpus.jsonl.open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle]
    lines += stage_breakdown(texts, f"the corpus's documents (about {sum(len(t) for t in texts) // len(texts):,} characters each)", corpus.jsonl)
    from entx.chunking import DEFAULT_LIMIT, split_text

    big = corpus.big.read_text(encoding="utf-8")
    pieces = [piece for _, piece in split_text(big)][: max(4, 400_000 // DEFAULT_LIMIT)]
    lines += stage_breakdown(pieces, f"{len(pieces)} pieces of a big file (`split_text`, up to {DEFAULT_LIMIT:,} characters each)", None)
    if not args.no_memory:
        lines += ["## 3. Long documents: memory and speed", ""] + memory_section(_run.large_file(corpus))
    # A hand-written "## Findings" section at the end of the file is kept across runs.
    kept = ""
    if args.output.exists():
        previous = args.output.read_text(encoding="utf-8")
        if "\n## Findings" in previous:
            kept = previous[previous.index("\n## Findings") + 1 :]
    args.output.write_text("\n".join(lines) + "\n" + kept, encoding="utf-8")
    print(f"written: {args.output}")


if __name__ == "__main__":
    main()
