"""``--format html``: one self-contained page to read a corpus with its entities highlighted.

The page must open anywhere, offline and from an e-mail attachment, so it carries its own
CSS and loads nothing: no fonts, no scripts, no images. A Content-Security-Policy says so
to the browser too, so even a mistake in escaping could not run a script or call home.

The corpus summary goes at the top but is only known at the end, so each document is
rendered (by displaCy) as soon as it arrives and set aside in a spooled temporary file:
memory stays bounded however large the corpus, and the page is written out in ``close``.
"""

from __future__ import annotations

import shutil
import tempfile
from html import escape
from typing import TextIO

from spacy import displacy

from entx.records import LABELS, Entity, Result
from entx.render.summary import Summary
from entx.render.table import SUMMARY_TOP

# The terminal table's hues (cyan, magenta, green, red, yellow), light enough to read on.
LABEL_COLORS = {"PER": "#9ddcf5", "ORG": "#e9b3f5", "LOC": "#a7e8a9", "WEAPON": "#ff9e91", "MISC": "#fbe38c"}
LABEL_NAMES = {"PER": "person", "ORG": "organisation", "LOC": "place", "WEAPON": "weapon system", "MISC": "other"}

# displaCy's own entity template, on one line (so that ``white-space: pre-wrap`` keeps the
# text's spacing and adds none), plus an anchor for the summary's links and a tooltip.
# displaCy escapes the entity text; the extra attributes are escaped here.
ENTITY_TEMPLATE = (
    '<mark class="entity" id="{anchor}" data-label="{label}" title="{details}" style="background: {bg}; '
    'padding: 0.45em 0.6em; margin: 0 0.25em; line-height: 1; border-radius: 0.35em;">{text}'
    '<span style="font-size: 0.8em; font-weight: bold; line-height: 1; border-radius: 0.35em; '
    'vertical-align: middle; margin-left: 0.5rem">{label}{kb_link}</span></mark>'
)
# The summary stays a glance: a frequent entity lists its first documents and spellings only.
DOCUMENT_LINKS = 12
OTHER_FORMS = 5
# Past this size (in bytes, roughly), the rendered fragments move from memory to disk.
SPOOL_SIZE = 16 * 1024 * 1024

CSP = "default-src 'none'; style-src 'unsafe-inline'"
STYLE = """
body { font: 16px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif; color: #222;
       background: #fafafa; margin: 0; padding: 2rem; }
main, header, section, nav { max-width: 72rem; margin: 0 auto; }
h1 { margin: 0 0 .25rem; font-size: 1.8rem; }
h2 { font-size: 1.3rem; margin: 0 0 .5rem; }
a { color: #1a5fb4; }
.meta { color: #666; margin: 0 0 1rem; }
.legend span, .chip { display: inline-block; padding: .1em .5em; border-radius: .35em; font-weight: bold; font-size: .85em; }
.legend span { margin-right: .5rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1rem; margin-bottom: 1.5rem; }
.card { background: #fff; border: 1px solid #e5e5e5; border-radius: .5rem; padding: .75rem; }
.card h3 { margin: 0 0 .5rem; font-size: 1rem; font-weight: normal; color: #555; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; padding: .25rem .3rem; border-bottom: 1px solid #eee; vertical-align: top; }
th { color: #666; font-weight: normal; font-size: .85em; }
.n { text-align: right; font-variant-numeric: tabular-nums; }
.notes { color: #777; font-size: .8em; }
.notes a { margin-right: .2em; }
nav ol { padding-left: 2rem; columns: 2; }
article { background: #fff; border: 1px solid #e5e5e5; border-radius: .5rem; padding: 1.25rem 1.5rem; margin: 0 auto 1.5rem;
          max-width: 72rem; box-sizing: border-box; }
article h2 a { color: inherit; text-decoration: none; }
.entities { white-space: pre-wrap; overflow-wrap: break-word; }
mark.entity { -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.none { color: #888; font-style: italic; }
""".strip()


class HtmlRenderer:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.summary = Summary()
        self.labels: set[str] = set()
        self.mentions = 0
        self.first_mention: dict[tuple[str, str], str] = {}
        self.index = tempfile.SpooledTemporaryFile(max_size=SPOOL_SIZE, mode="w+", encoding="utf-8")
        self.body = tempfile.SpooledTemporaryFile(max_size=SPOOL_SIZE, mode="w+", encoding="utf-8")

    def write(self, result: Result) -> None:
        number = self.summary.documents + 1
        self.summary.add(result)
        anchor = f"doc-{number}"
        title = _title(result)
        entities = _displayable(result)
        spans = []
        for position, entity in entities:
            mention = f"{anchor}-m{position + 1}"
            self.first_mention.setdefault((entity.label, entity.canonical or entity.text), mention)
            self.labels.add(entity.label)
            spans.append(
                {
                    "start": entity.start,
                    "end": entity.end,
                    "label": escape(entity.label),
                    "params": {"anchor": mention, "details": escape(_details(entity), quote=True)},
                }
            )
        self.mentions += len(spans)
        fragment = displacy.render(
            {"text": result.document.text, "ents": spans},
            style="ent",
            manual=True,
            page=False,
            jupyter=False,
            options={"colors": LABEL_COLORS, "template": ENTITY_TEMPLATE},
        )
        count = _count(len(spans), "entity", "entities")
        self.index.write(f'<li><a href="#{anchor}">{escape(title)}</a> <span class="meta">({count})</span></li>\n')
        self.body.write(
            f'<article class="document" id="{anchor}">\n'
            f'<h2><a href="#{anchor}">{escape(title)}</a></h2>\n'
            f'<p class="meta">{count} · <a href="#summary">back to the summary</a></p>\n'
        )
        if not spans:
            self.body.write('<p class="none">no entities</p>\n')
        self.body.write(fragment)
        self.body.write("\n</article>\n")

    def close(self) -> None:
        out = self.stream
        documents = self.summary.documents
        heading = f"{_count(documents, 'document', 'documents')} · {_count(self.mentions, 'entity', 'entities')}"
        out.write(
            '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>entx · {heading}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n"
            f'<header>\n<h1>Entities</h1>\n<p class="meta">{heading}</p>\n{self._legend()}</header>\n'
        )
        out.write(self._summary())
        if documents:
            out.write('<nav id="documents">\n<h2>Documents</h2>\n<ol>\n')
            _copy(self.index, out)
            out.write("</ol>\n</nav>\n<main>\n")
            _copy(self.body, out)
            out.write("</main>\n")
        out.write("</body>\n</html>\n")
        out.flush()

    def _legend(self) -> str:
        labels = [label for label in LABELS if label in self.labels] + sorted(self.labels - set(LABELS))
        if not labels:
            return ""
        chips = "".join(
            f'<span style="background: {_color(label)}">{escape(label)} · {escape(LABEL_NAMES.get(label, label))}</span>'
            for label in labels
        )
        return f'<p class="legend">{chips}</p>\n'

    def _summary(self) -> str:
        """One card per label, side by side, so the whole corpus fits in the first screen."""
        parts = ['<section id="summary">\n<h2>Most frequent entities</h2>\n']
        rows = self.summary.rows(SUMMARY_TOP)
        if not rows:
            parts.append(
                f'<p class="none">{"no entities" if self.summary.documents else "no documents"}</p>\n</section>\n'
            )
            return "".join(parts)
        parts.append('<div class="cards">\n')
        label = None
        for row in rows:
            if row["label"] != label:
                if label is not None:
                    parts.append("</tbody>\n</table>\n</div>\n")
                label = row["label"]
                parts.append(
                    f'<div class="card">\n<h3><span class="chip" style="background: {_color(label)}">{escape(label)}</span> '
                    f"{escape(LABEL_NAMES.get(label, label))}</h3>\n<table>\n"
                    '<thead><tr><th>Entity</th><th class="n">Mentions</th><th class="n">Documents</th></tr></thead>\n<tbody>\n'
                )
            parts.append(self._summary_row(row))
        parts.append("</tbody>\n</table>\n</div>\n</div>\n</section>\n")
        return "".join(parts)

    def _summary_row(self, row: dict) -> str:
        label, name = row["label"], row["entity"]
        mention = self.first_mention.get((label, name))
        entity = f'<a href="#{mention}">{escape(name)}</a>' if mention else escape(name)
        seen = sorted(self.summary.groups[(label, name)].documents)
        links = " ".join(f'<a href="#doc-{index + 1}">{index + 1}</a>' for index in seen[:DOCUMENT_LINKS])
        if len(seen) > DOCUMENT_LINKS:
            links += " …"
        notes = [f"in {links}"]
        forms = [escape(form) for form in row["forms"] if form != name]
        if forms:
            notes.append("also " + ", ".join(forms[:OTHER_FORMS]) + (", …" if len(forms) > OTHER_FORMS else ""))
        return (
            f'<tr><td>{entity}<div class="notes">{" · ".join(notes)}</div></td>'
            f'<td class="n">{row["mentions"]}</td><td class="n">{row["documents"]}</td></tr>\n'
        )


def _displayable(result: Result) -> list[tuple[int, Entity]]:
    """Entities that displaCy can draw: inside the text and not overlapping.

    displaCy walks the text once; an overlapping span would repeat text. entx's entities
    come from ``doc.ents`` and never overlap, but the page must stay faithful to the text
    whatever a future component does, so an overlapping mention is left out rather than
    drawn twice. ``position`` is the index in ``result.entities``, stable for anchors.
    """
    text_length = len(result.document.text)
    ordered = sorted(enumerate(result.entities), key=lambda item: (item[1].start, -item[1].end))
    kept, offset = [], 0
    for position, entity in ordered:
        if entity.start < offset or entity.start >= entity.end or entity.end > text_length:
            continue
        kept.append((position, entity))
        offset = entity.end
    return kept


def _title(result: Result) -> str:
    document = result.document
    return document.source if document.id is None else f"{document.source} · {document.id}"


def _details(entity: Entity) -> str:
    values = [
        entity.canonical if entity.canonical and entity.canonical != entity.text else None,
        entity.category,
        entity.country,
    ]
    return " · ".join(v for v in values if v) or LABEL_NAMES.get(entity.label, entity.label)


def _color(label: str) -> str:
    return LABEL_COLORS.get(label, "#ddd")


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _copy(spool, out: TextIO) -> None:
    spool.seek(0)
    shutil.copyfileobj(spool, out)
    spool.close()
