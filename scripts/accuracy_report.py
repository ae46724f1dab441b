"""Accuracy of entx against the plain spaCy models on every gold set, as a Markdown table.

Run from the repository root (``python scripts/accuracy_report.py``): it scores, with the
one scorer of ANNOTATION.md (:mod:`entx.scoring`), plain fr_core_news_sm and
fr_core_news_md (full pipelines, as spaCy ships them) and entx with default settings, on
../shared/data/public/*.test.jsonl and ../shared/data/weapons.dev.jsonl, over PER+ORG+LOC
(and WEAPON where the set has it). Writes the table into README.md, between the
``accuracy:start`` and ``accuracy:end`` markers.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from entx.evaluate import evaluate

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
CORE = ("PER", "ORG", "LOC")
START, END = "<!-- accuracy:start -->", "<!-- accuracy:end -->"


def sets() -> list[Path]:
    return sorted((SHARED / "public").glob("*.test.jsonl")) + [
        SHARED / "weapons.dev.jsonl",
        ROOT / "tests" / "data" / "authored.jsonl",
    ]


def f1(scores: dict, mode: str, label: str = "ALL") -> float:
    return 100 * scores[mode][label]["f1"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--readme", default=str(ROOT / "README.md"))
    parser.add_argument("--only", nargs="*", help="set names to run (default: all)")
    args = parser.parse_args()
    rows = []
    for path in sets():
        name = path.name.removesuffix(".jsonl").removesuffix(".test")
        if args.only and name not in args.only:
            continue
        runs = {}
        for label, model, plain in (
            ("sm", "fr_core_news_sm", True),
            ("md", "fr_core_news_md", True),
            ("entx", "fr_core_news_md", False),
        ):
            started = time.perf_counter()
            scorer, _ = evaluate(path, model, CORE, plain=plain)
            runs[label] = scorer.to_dict()
            print(
                f"{name:18} {label:5} exact {f1(runs[label], 'exact'):5.1f} lenient {f1(runs[label], 'lenient'):5.1f} ({time.perf_counter() - started:.0f} s)",
                flush=True,
            )
        weapon = ""
        if name in ("weapons.dev", "authored"):
            scorer, _ = evaluate(path, "fr_core_news_md", ("WEAPON",))
            w = scorer.to_dict()
            weapon = f"{f1(w, 'exact', 'WEAPON'):.1f} / {f1(w, 'lenient', 'WEAPON'):.1f}"
        delta = f1(runs["entx"], "exact") - f1(runs["md"], "exact")
        rows.append(
            f"| {name} | {f1(runs['sm'], 'exact'):.1f} / {f1(runs['sm'], 'lenient'):.1f} "
            f"| {f1(runs['md'], 'exact'):.1f} / {f1(runs['md'], 'lenient'):.1f} "
            f"| **{f1(runs['entx'], 'exact'):.1f}** / {f1(runs['entx'], 'lenient'):.1f} | {delta:+.1f} | "
            + " / ".join(f"{f1(runs['entx'], 'exact', l):.1f}" for l in CORE)
            + f" | {weapon} |"
        )
    table = [
        "| set | plain sm | plain md | entx (md) | entx − md (exact) | entx PER / ORG / LOC exact | entx WEAPON |",
        "|---|---|---|---|---|---|---|",
        *rows,
    ]
    text = (
        "F1 over PER+ORG+LOC, exact / lenient, with the scorer of ANNOTATION.md "
        "(`python scripts/accuracy_report.py`; plain = the full pipeline as spaCy ships it).\n\n"
        + "\n".join(table)
        + "\n"
    )
    readme = Path(args.readme)
    before, rest = readme.read_text(encoding="utf-8").split(START, 1)
    after = rest.split(END, 1)[1]
    readme.write_text(f"{before}{START}\n{text}{END}{after}", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
