"""``--format html``: the page a user opens in a browser, checked as a browser would see it.

The page is produced by the real command with the real model; the last test opens it in
a real headless Chromium, because "valid-looking HTML" and "what the browser renders"
are not the same thing (escaping, anchors, console errors).
"""

from __future__ import annotations

import io
import json
import re
import shutil
import struct
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import EXAMPLES, jsonl, run_entx

from entx.records import Document, Entity, Result
from entx.render import html as html_renderer
from entx.render.html import HtmlRenderer
from entx.render.table import SUMMARY_TOP

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.txt"))
NOTHING = "bonjour à tous.\nà demain."
INJECTION = "Emmanuel Macron a reçu <script>alert(1)</script> à Paris <img src=x onerror=alert(2)> avec l'OTAN."


class Page(HTMLParser):
    """What matters in a page: ids, links, marks (with their own text), forbidden tags."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.links: list[str] = []
        self.tags: list[str] = []
        self.marks: list[dict] = []
        self.articles: list[dict] = []
        self.resources: list[str] = []
        self.text: list[str] = []
        self.summary_rows: list[list] = []
        self.documents: list[str] = []  # each displaCy block's text as a reader sees it, labels left out
        self._in_entities = False
        self._mark: dict | None = None
        self._depth_in_mark = 0
        self._row: list | None = None
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        for name in ("src", "srcset", "data", "poster"):
            if name in attrs:
                self.resources.append(attrs[name])
        if tag == "link":
            self.resources.append(attrs.get("href", ""))
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
            if self._row is not None:
                self._row.append(attrs["href"])
        if tag == "article":
            self.articles.append(attrs)
        if tag == "tr":
            self._row = []
        if tag == "div" and attrs.get("class") == "entities":
            self._in_entities = True
            self.documents.append("")
        if tag == "br" and self._in_entities:
            self.documents[-1] += "\n"
        if self._mark is not None:
            self._depth_in_mark += 1
        elif tag == "mark":
            self._mark = {**attrs, "text": ""}

    def handle_endtag(self, tag):
        if tag == "div":
            self._in_entities = False
        if tag == "tr" and self._row is not None:
            if self._row:
                self.summary_rows.append(self._row)
            self._row = None
        if self._mark is None:
            return
        if self._depth_in_mark:
            self._depth_in_mark -= 1
        else:
            self._mark["text"] = self._mark["text"].strip()
            self.marks.append(self._mark)
            self._mark = None

    def handle_data(self, data):
        self.text.append(data)
        if self._in_entities and not self._depth_in_mark:
            self.documents[-1] += data
        if self._mark is not None and not self._depth_in_mark:
            self._mark["text"] += data


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    """The examples, a document trying to inject a script, and one with no entity at all."""
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "injection.txt").write_text(INJECTION, encoding="utf-8")
    (folder / "nothing.txt").write_text(NOTHING, encoding="utf-8")
    return [*EXAMPLE_FILES, folder / "injection.txt", folder / "nothing.txt"]


@pytest.fixture(scope="module")
def page_file(corpus, tmp_path_factory) -> Path:
    result = run_entx("-f", "html", *map(str, corpus))
    assert result.returncode == 0, result.stderr
    path = tmp_path_factory.mktemp("page") / "page.html"
    path.write_bytes(result.stdout)
    return path


@pytest.fixture(scope="module")
def markup(page_file) -> str:
    return page_file.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def records(corpus) -> list[dict]:
    result = run_entx("-f", "jsonl", *map(str, corpus))
    assert result.returncode == 0, result.stderr
    return jsonl(result.stdout)


def article(markup: str, number: int) -> str:
    start = markup.index(f'<article class="document" id="doc-{number}">')
    return markup[start : markup.index("</article>", start)]


def test_one_self_contained_page(markup, corpus):
    assert markup.startswith("<!DOCTYPE html>")
    assert markup.count("<html") == 1 and markup.rstrip().endswith("</html>")
    page = Page(markup)
    assert "script" not in page.tags and "link" not in page.tags and "iframe" not in page.tags
    assert page.resources == []  # no images, fonts, stylesheets or scripts to fetch
    assert not re.search(r"(?:https?:)?//[a-z0-9]", markup, re.I), "the page must not reference the network"
    assert re.search(r"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'", markup)
    assert '<meta charset="utf-8">' in markup
    # One article per document, in order, titled by its source; the summary comes first.
    assert [a["id"] for a in page.articles] == [f"doc-{n}" for n in range(1, len(corpus) + 1)]
    for number, path in enumerate(corpus, start=1):
        assert f'<h2><a href="#doc-{number}">{path}</a></h2>' in article(markup, number)
    assert markup.index('<section id="summary">') < markup.index("<article")
    assert len(set(page.ids)) == len(page.ids), "duplicate ids make anchors ambiguous"


def test_document_texts_are_shown_exactly(markup, corpus):
    # Labels aside, each highlighted block reads exactly as the file: nothing lost, added or moved.
    assert Page(markup).documents == [path.read_text(encoding="utf-8") for path in corpus]


def test_marks_are_the_entities(markup, records):
    page = Page(markup)
    found = [(m["data-label"], m["text"]) for m in page.marks]
    expected = [(e["label"], e["text"]) for record in records for e in record["entities"]]
    assert found == expected
    assert {label for label, _ in found} >= {"PER", "ORG", "LOC", "WEAPON"}
    # One colour per label, WEAPON included, and every mark of a label has that colour.
    colours: dict[str, set] = {}
    for mark in page.marks:
        colours.setdefault(mark["data-label"], set()).add(re.search(r"background: ([^;]+);", mark["style"]).group(1))
    assert all(len(c) == 1 for c in colours.values()), colours
    assert len({c.pop() for c in colours.values()}) == len(colours)
    # The label is shown on the mark (displaCy's inner span), and the mark says more on hover.
    assert re.search(r">Caesar<span[^>]*>WEAPON</span></mark>", markup)
    caesar = next(m for m in page.marks if m["text"] == "Caesar" and m["data-label"] == "WEAPON")
    assert "artillery" in caesar["title"] and "FR" in caesar["title"]


def test_summary_links_resolve(markup, records):
    page = Page(markup)
    assert page.links and all(link.startswith("#") for link in page.links), "every link stays inside the page"
    assert {link[1:] for link in page.links} <= set(page.ids)

    # Each summary row links to its entity's first mention, then to the documents it is in:
    # exactly those where the JSON output has an entity of that label and canonical name.
    def key(record: dict, position: int) -> tuple[str, str]:
        entity = record["entities"][position]
        return entity["label"], entity["canonical"] or entity["text"]

    documents: dict[tuple[str, str], list] = {}
    for number, record in enumerate(records, start=1):
        for position in range(len(record["entities"])):
            links = documents.setdefault(key(record, position), [])
            if f"#doc-{number}" not in links:
                links.append(f"#doc-{number}")
    summary = markup[markup.index('<section id="summary">') : markup.index("</section>")]
    rows = Page(summary).summary_rows
    per_label = Counter(label for label, _ in documents)
    assert len(rows) == sum(min(count, SUMMARY_TOP) for count in per_label.values())
    for first, *links in rows:
        number, position = map(int, re.fullmatch(r"#doc-(\d+)-m(\d+)", first).groups())
        assert links == documents[key(records[number - 1], position - 1)]
    assert any(len(links) > 1 for _, *links in rows), "some entity is in several documents (Kiev)"


def test_script_in_a_document_is_text_not_code(markup, corpus):
    assert "<script" not in markup.lower() and "<img" not in markup.lower()
    injected = article(markup, len(corpus) - 1)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in injected
    page = Page(injected + "</article>")
    assert "script" not in page.tags and "img" not in page.tags
    assert page.documents == [INJECTION]
    assert ("PER", "Emmanuel Macron") in {(m["data-label"], m["text"]) for m in page.marks}


def test_document_without_entities_keeps_its_text(markup, corpus):
    empty = article(markup, len(corpus))
    assert "<mark" not in empty and "no entities" in empty
    assert "bonjour à tous.<br>à demain." in empty


def test_jsonl_ids_are_escaped_in_titles():
    record = {"id": '<b onmouseover="alert(1)">x</b>', "text": "Le ministre est arrivé à Kiev."}
    result = run_entx("-f", "html", "--input-format", "jsonl", "-", input=json.dumps(record) + "\n")
    assert result.returncode == 0, result.stderr
    markup = result.stdout.decode("utf-8")
    assert "<b " not in markup and "&lt;b onmouseover=&quot;alert(1)&quot;&gt;x&lt;/b&gt;" in markup
    assert ("LOC", "Kiev") in {(m["data-label"], m["text"]) for m in Page(markup).marks}


def test_html_suffix_chooses_the_format(tmp_path):
    target = tmp_path / "corpus.html"
    result = run_entx(str(EXAMPLES / "rostec.txt"), "-o", str(target))
    assert result.returncode == 0, result.stderr
    markup = target.read_text(encoding="utf-8")
    assert markup.startswith("<!DOCTYPE html>") and 'data-label="WEAPON"' in markup


# The renderer itself, on hand-made results: cases the model will not produce on demand.


def _render(results) -> str:
    stream = io.StringIO()
    renderer = HtmlRenderer(stream)
    for result in results:
        renderer.write(result)
    renderer.close()
    return stream.getvalue()


def test_attributes_and_names_are_escaped():
    text = 'Chez <Evil & "Co"> ce matin.'
    entity = Entity('<Evil & "Co">', "ORG", 5, 18, canonical='"><script>x</script>', category="a'b", country="<FR>")
    markup = _render([Result(Document(text, '<src "1">'), [entity])])
    assert "<script" not in markup and "<Evil" not in markup and '<src "1">' not in markup
    page = Page(markup)
    (mark,) = page.marks
    assert mark["text"] == '<Evil & "Co">'
    assert mark["title"] == "\"><script>x</script> · a'b · <FR>"
    assert "script" not in page.tags


def test_overlapping_entities_do_not_repeat_text():
    text = "Vladimir Poutine parle."
    entities = [Entity("Vladimir Poutine", "PER", 0, 16), Entity("Poutine", "PER", 9, 16)]
    page = Page(_render([Result(Document(text, "t"), entities)]))
    assert [m["text"] for m in page.marks] == ["Vladimir Poutine"]
    assert page.documents == [text]


def test_no_documents_is_still_a_page():
    markup = _render([])
    assert markup.startswith("<!DOCTYPE html>") and markup.rstrip().endswith("</html>")
    assert "no documents" in markup and "<article" not in markup


def test_large_corpus_goes_through_disk(monkeypatch):
    monkeypatch.setattr(html_renderer, "SPOOL_SIZE", 100)
    stream = io.StringIO()
    renderer = HtmlRenderer(stream)
    for i in range(50):
        renderer.write(Result(Document(f"Kiev {i}", f"d{i}"), [Entity("Kiev", "LOC", 0, 4)]))
    assert renderer.body._rolled, "the fragments should be on disk by now"
    renderer.close()
    page = Page(stream.getvalue())
    assert [a["id"] for a in page.articles] == [f"doc-{i}" for i in range(1, 51)]
    assert page.documents == [f"Kiev {i}" for i in range(50)]


# A real browser.

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--run-all-compositor-stages-before-draw",  # no half-painted screenshot
    "--enable-logging=stderr",
    "--v=0",
)


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium)")
def test_page_in_a_real_browser(page_file, markup, corpus, tmp_path):
    served = Page(markup)
    url = page_file.as_uri()

    dom_run = chromium("--dump-dom", url, profile=tmp_path / "profile-dom")
    assert dom_run.returncode == 0, dom_run.stderr.decode(errors="replace")[-2000:]
    # Console output of the page (script errors, blocked loads, CSP violations): there must be none.
    console = [line for line in dom_run.stderr.decode(errors="replace").splitlines() if ":CONSOLE" in line]
    assert console == []
    dom = Page(dom_run.stdout.decode("utf-8"))
    assert [(m["data-label"], m["text"]) for m in dom.marks] == [(m["data-label"], m["text"]) for m in served.marks]
    assert {m["data-label"] for m in dom.marks} >= {"PER", "ORG", "LOC", "WEAPON"}
    assert [a["id"] for a in dom.articles] == [f"doc-{n}" for n in range(1, len(corpus) + 1)]
    assert "script" not in dom.tags and "img" not in dom.tags
    assert dom.documents == served.documents  # the injected script shows as text, exactly

    shot = tmp_path / "page.png"
    shot_run = chromium("--screenshot=" + str(shot), "--window-size=1200,1600", url, profile=tmp_path / "profile-shot")
    assert shot_run.returncode == 0, shot_run.stderr.decode(errors="replace")[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1200, 1600)
    assert len(data) > 50_000, "a page of highlighted text does not compress to a near-blank image"
