"""Issue 6: every file a user can throw at entx gets an answer, and nothing is lost.

Each case goes through the real ``entx`` command with the real model. Runs are grouped
(one folder of well-formed but awkward files, one of binaries, one of special files...)
because loading the model is most of the cost of a run.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import queue
import resource
import signal
import stat
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from conftest import ENV, check_offsets, entx_command, jsonl, run_entx

# Entities whose letters differ between Windows-1252 and the encodings a guesser confuses
# it with (è is č in Windows-1250, à is ŕ, œ is ś): a wrong guess changes the entity text.
FRENCH = (
    "Gérard Larcher a reçu Élisabeth Borne à Sète, où l’œuvre de Jean Vilar fut jouée. "
    "Thales construit le Rafale à Mérignac.\n"
)
LATIN1 = FRENCH.replace("’", "'").replace("œ", "oe")  # ISO-8859-1 has neither
PROSE = "Emmanuel Macron a rencontré Olaf Scholz à Berlin avant de rejoindre Marseille. "


def by_source(stdout: bytes) -> dict[str, dict]:
    return {record["source"]: record for record in jsonl(stdout)}


def stderr_of(result) -> str:
    return result.stderr.decode("utf-8", errors="replace")


def assert_quiet_failure(stderr: str) -> None:
    for noise in ("Traceback", "BrokenPipeError", "Exception ignored", "Fatal Python error"):
        assert noise not in stderr, stderr


# --- Encodings, line endings and awkward Unicode: one folder, one run --------------------

TEXTS = {
    "crlf.txt": PROSE.replace(". ", ".\r\n") * 3,
    "cr.txt": PROSE.replace(". ", ".\r") * 3,
    "nbsp.txt": "Le président Emmanuel\u00a0Macron a dit\u202f: «\u00a0Marseille\u00a0!\u00a0» avant de rejoindre Berlin.",
    "zero-width.txt": "Emmanuel Ma\u200bcron et Olaf\u200dScholz sont à Pa\u200cris\ufeff avec l’OTAN.\u2060",
    "apostrophes.txt": "L’OTAN et l'OTAN, d’Airbus et d'Airbus, à l’Élysée et à l'Élysée, Jean-Yves Le Drian.",
    "combining.txt": "Ame\u0301lie Mauresmo a visite\u0301 Besanc\u0327on et la Sao\u0302ne-et-Loire avec E\u0301douard Philippe.",
    "emoji.txt": "🇫🇷 Emmanuel Macron 👍 a visité Marseille 😀 avec Olaf Scholz 👨\u200d👩\u200d👧 puis Berlin. 𝕏",
    # Longer than a chunk, with no line break: entities far from the start.
    "long-line.txt": (PROSE + "\u00a0" * 30_000) * 8 + PROSE,
    "empty.txt": "",
    "whitespace.txt": " \t\r\n\u00a0\u202f\u200b\n\n   ",
}
ENCODED = {
    "utf-8.txt": (FRENCH.encode("utf-8"), "utf-8", FRENCH),
    "utf-8-bom.txt": (FRENCH.encode("utf-8-sig"), "utf-8-sig", FRENCH),
    "utf-16-le.txt": (b"\xff\xfe" + FRENCH.encode("utf-16-le"), "utf-16", FRENCH),
    "utf-16-be.txt": (b"\xfe\xff" + FRENCH.encode("utf-16-be"), "utf-16", FRENCH),
    "windows-1252.txt": (FRENCH.encode("cp1252"), "cp1252", FRENCH),
    "latin-1.txt": (LATIN1.encode("latin-1"), "cp1252", LATIN1),
    # A UTF-8 file with one stray byte is still UTF-8, not Windows-1250 mojibake.
    "utf-8-stray-byte.txt": (
        FRENCH.encode() + b"\xff" + FRENCH.encode(),
        "utf-8 (1 invalid",
        FRENCH + "\ufffd" + FRENCH,
    ),
}


@pytest.fixture(scope="module")
def awkward(tmp_path_factory):
    folder = tmp_path_factory.mktemp("awkward")
    expected = {}
    for name, text in TEXTS.items():
        (folder / name).write_bytes(text.encode("utf-8"))
        expected[str(folder / name)] = text
    for name, (data, _, text) in ENCODED.items():
        (folder / name).write_bytes(data)
        expected[str(folder / name)] = text
    result = run_entx(str(folder), "-v", "-j", "1")
    return folder, expected, result


def test_awkward_folder_is_all_processed(awkward):
    folder, expected, result = awkward
    assert result.returncode == 0, stderr_of(result)
    records = by_source(result.stdout)
    assert set(records) == set(expected)
    assert_quiet_failure(stderr_of(result))


@pytest.mark.parametrize("name", sorted(TEXTS) + sorted(ENCODED))
def test_offsets_are_exact_in_the_decoded_text(awkward, name):
    folder, expected, result = awkward
    source = str(folder / name)
    check_offsets(expected[source], by_source(result.stdout)[source]["entities"])


@pytest.mark.parametrize("name", sorted(ENCODED))
def test_every_encoding_gives_the_same_entities_as_utf8(awkward, name):
    folder, _, result = awkward
    records = by_source(result.stdout)
    found = [(e["text"], e["label"], e["start"]) for e in records[str(folder / name)]["entities"]]
    if name == "latin-1.txt":  # other apostrophe and no œ: only compare names
        found = [(text, label) for text, label, _ in found]
        reference = [(e["text"], e["label"]) for e in records[str(folder / "utf-8.txt")]["entities"]]
    elif name == "utf-8-stray-byte.txt":  # the text twice: the first copy is unchanged
        found = [item for item in found if item[2] < len(FRENCH)]
        reference = [(e["text"], e["label"], e["start"]) for e in records[str(folder / "utf-8.txt")]["entities"]]
    else:
        reference = [(e["text"], e["label"], e["start"]) for e in records[str(folder / "utf-8.txt")]["entities"]]
    assert found == reference
    assert {"Sète", "Mérignac", "Élisabeth Borne"} <= {item[0] for item in found}


@pytest.mark.parametrize("name", sorted(ENCODED))
def test_verbose_says_how_each_file_was_decoded(awkward, name):
    folder, _, result = awkward
    encoding = ENCODED[name][1]
    assert f"{folder / name}: decoded as {encoding}" in stderr_of(result)


def test_empty_and_whitespace_files_give_an_empty_result(awkward):
    folder, _, result = awkward
    records = by_source(result.stdout)
    for name in ("empty.txt", "whitespace.txt"):
        assert records[str(folder / name)]["entities"] == []


def test_long_line_finds_entities_after_every_cut(awkward):
    folder, expected, result = awkward
    source = str(folder / "long-line.txt")
    entities = by_source(result.stdout)[source]["entities"]
    marseille = [e["start"] for e in entities if e["text"] == "Marseille"]
    assert len(marseille) == 9, marseille  # one per repetition, the last past 240,000
    assert marseille[-1] > 240_000


# --- Binary files in a folder ----------------------------------------------------------


def _binaries(folder: Path) -> list[str]:
    (folder / "good.txt").write_text(PROSE, encoding="utf-8")
    (folder / "nul.bin").write_bytes(b"Emmanuel Macron\x00\x01\x02" * 50)
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(200))
    (folder / "report.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    with zipfile.ZipFile(folder / "article.docx", "w") as archive:
        archive.writestr("word/document.xml", "<w:t>Emmanuel Macron à Marseille</w:t>")
    return ["nul.bin", "image.png", "report.pdf", "article.docx"]


@pytest.mark.parametrize("strict", [False, True], ids=["default", "strict"])
def test_binary_files_are_skipped_with_a_warning(tmp_path, strict):
    skipped = _binaries(tmp_path)
    result = run_entx(str(tmp_path), "--glob", "*", "-j", "1", *(["--strict"] if strict else []))
    stderr = stderr_of(result)
    assert result.returncode == (1 if strict else 0), stderr
    # Not fed to the model: only the text file has a result.
    assert list(by_source(result.stdout)) == [str(tmp_path / "good.txt")]
    for name in skipped:
        assert f"warning: {tmp_path / name}: binary file" in stderr
    assert_quiet_failure(stderr)


# --- Files that cannot be read ---------------------------------------------------------


def test_special_files_are_reported_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(PROSE, encoding="utf-8")
    (folder / "sub" / "z.txt").write_text("Jacques Chirac est à Paris.", encoding="utf-8")
    (folder / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "linked-folder.txt").symlink_to(folder / "sub", target_is_directory=True)
    os.mkfifo(folder / "pipe.txt")  # read, it would block for ever: must be skipped
    (tmp_path / "empty-folder.jsonl").mkdir()  # a folder where a file was expected
    # stdin closed (``entx - <&-``), a missing file, a folder, in one batch.
    process = run_entx(
        "-",
        str(tmp_path / "missing.txt"),
        str(folder),
        str(tmp_path / "empty-folder.jsonl"),
        "-j",
        "1",
        preexec_fn=lambda: os.close(0),
    )
    stderr = process.stderr.decode()
    assert process.returncode == 1, stderr
    assert list(by_source(process.stdout)) == [str(folder / "a.txt"), str(folder / "sub" / "z.txt")]
    for where, why in [
        ("<stdin>", "standard input is closed"),
        (tmp_path / "missing.txt", "no such file or directory"),
        (folder / "broken.txt", "broken symbolic link"),
        (folder / "loop.txt", "symbolic link loop"),
        (folder / "linked-folder.txt", "is a directory"),
        (folder / "pipe.txt", "is a named pipe"),
        (tmp_path / "empty-folder.jsonl", "folder has no file matching '*.txt'"),
    ]:
        assert f"{where}: {why}" in stderr
    assert_quiet_failure(stderr)


def _without_dac_override() -> None:
    """Root reads any file; without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH in the
    bounding set, the ``entx`` this process execs obeys file modes like any user."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _can_drop_privileges(tmp_path: Path) -> bool:
    probe = tmp_path / "probe"
    probe.write_text("x")
    probe.chmod(0)
    try:
        done = subprocess.run(["cat", str(probe)], capture_output=True, preexec_fn=_without_dac_override)
    except (OSError, subprocess.SubprocessError):
        return False
    finally:
        probe.unlink()
    return done.returncode != 0


def test_permission_denied_is_reported_and_the_batch_goes_on(tmp_path):
    if not _can_drop_privileges(tmp_path):
        pytest.skip("running as root without CAP_SETPCAP: file modes cannot be enforced")
    folder = tmp_path / "corpus"
    (folder / "locked").mkdir(parents=True)
    (folder / "a.txt").write_text(PROSE, encoding="utf-8")
    (folder / "secret.txt").write_text("Jacques Chirac est à Paris.", encoding="utf-8")
    (folder / "locked" / "inside.txt").write_text("Jacques Chirac est à Paris.", encoding="utf-8")
    (folder / "z.txt").write_text("Olaf Scholz est à Berlin.", encoding="utf-8")
    (folder / "secret.txt").chmod(0)
    (folder / "locked").chmod(0)
    try:
        process = run_entx(str(folder / "secret.txt"), str(folder), "-j", "1", preexec_fn=_without_dac_override)
    finally:
        (folder / "locked").chmod(0o755)
    stderr = process.stderr.decode()
    assert process.returncode == 1, stderr
    assert list(by_source(process.stdout)) == [str(folder / "a.txt"), str(folder / "z.txt")]
    assert stderr.count(f"{folder / 'secret.txt'}: permission denied") == 2  # named, then met in the folder
    assert f"{folder / 'locked'}: permission denied" in stderr
    assert_quiet_failure(stderr)


class Stderr:
    """Lines of a running process's stderr, as they come (to act at a known moment)."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.lines: list[str] = []
        self._queue: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._read, args=(process.stderr,), daemon=True)
        self._thread.start()

    def _read(self, stream) -> None:
        for line in stream:
            self._queue.put(line.decode("utf-8", errors="replace"))
        self._queue.put(None)

    def wait_for(self, text: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while True:
            line = self._queue.get(timeout=max(0.1, deadline - time.monotonic()))
            if line is None:
                raise AssertionError(f"process ended before printing {text!r}:\n{self.text()}")
            self.lines.append(line)
            if text in line:
                return

    def text(self) -> str:
        self._thread.join(timeout=60)
        while not self._queue.empty():
            line = self._queue.get()
            if line is not None:
                self.lines.append(line)
        return "".join(self.lines)


def _slow_file(path: Path, words: int = 80_000) -> None:
    """A text that keeps the model busy after it is read (about 6 s for 80,000 words on a
    2-core machine): the tests below signal the run once the file is read, and need it
    still going when the signal lands. Real words: the model's time follows them, not the
    bytes (2 MB of mostly non-breaking spaces took only 1.3 s)."""
    block = PROSE * 20 + "\n\n"
    path.write_text(block * (words // len(block.split())), encoding="utf-8")


def test_file_that_disappears_during_the_run(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    _slow_file(folder / "a.txt")
    (folder / "b.txt").write_text("Jacques Chirac est à Paris.", encoding="utf-8")
    (folder / "c.txt").write_text("Olaf Scholz est à Berlin.", encoding="utf-8")
    process = subprocess.Popen(
        entx_command(str(folder), "-v", "-j", "1"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV
    )
    stderr = Stderr(process)
    try:
        # The folder was listed and a.txt read; b.txt is read once a.txt is annotated.
        stderr.wait_for("a.txt: decoded as")
        (folder / "b.txt").unlink()
        stdout = process.stdout.read()
        process.wait(timeout=300)
    finally:
        process.kill()
    text = stderr.text()
    assert process.returncode == 1, text
    assert f"{folder / 'b.txt'}: file disappeared before it was read" in text
    assert list(by_source(stdout)) == [str(folder / "a.txt"), str(folder / "c.txt")]
    assert_quiet_failure(text)


# --- JSON Lines ------------------------------------------------------------------------

BAD_LINES = [
    ('{"id": 1, "text": "Nicolas Sarkozy est à Lyon."}'.encode(), None),
    (b"{not json", "invalid JSON"),
    (b'{"id": 3, "titre": "sans texte"}', "no 'text' field"),
    (b'{"id": 4, "text": 42}', "'text' is not a string"),
    (b'{"id": 5, "text": null}', "'text' is not a string"),
    (b'{"id": 6, "text": ["Paris"]}', "'text' is not a string"),
    (b"", "blank line"),
    (b'["a", "list"]', "expected a JSON object"),
    (b'{"id": NaN, "text": "Paris"}', "invalid JSON (NaN is not a JSON value)"),
    ('{"id": 10, "text": "Jacques Chirac \\ud800 à Paris."}'.encode(), "'text' has unpaired surrogate escapes"),
    ('{"id": 11, "text": "Besançon"}'.encode("cp1252"), "not valid UTF-8"),
    ('{"id": 12, "text": "Olaf Scholz à Berlin."}\r'.encode(), None),  # CRLF
    ('{"id": 13, "text": "Angela Merkel à Bonn."}'.encode(), None),  # no final newline
]


def test_jsonl_bad_lines_are_reported_with_their_number(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_bytes(b"\n".join(line for line, _ in BAD_LINES))
    result = run_entx(str(path), "-j", "1")
    stderr = stderr_of(result)
    assert result.returncode == 1, stderr
    for number, (_, problem) in enumerate(BAD_LINES, 1):
        if problem:
            assert any(f"{path}:{number}: " in line and problem in line for line in stderr.splitlines()), (
                number,
                problem,
            )
    records = jsonl(result.stdout)
    assert [r["id"] for r in records] == [1, 10, 12, 13]
    texts = {
        1: "Nicolas Sarkozy est à Lyon.",
        10: "Jacques Chirac \ufffd à Paris.",
        12: "Olaf Scholz à Berlin.",
        13: "Angela Merkel à Bonn.",
    }
    for record in records:
        check_offsets(texts[record["id"]], record["entities"])
        assert record["entities"], record
    assert_quiet_failure(stderr)


@pytest.mark.parametrize("strict", [False, True], ids=["default", "strict"])
def test_jsonl_warnings_fail_only_with_strict(tmp_path, strict):
    path = tmp_path / "wire.jsonl"
    path.write_text('\n{"id": 1, "text": "Paris \\udc00 et Lyon"}\n\n{"id": 2, "text": "Lyon"}\n', encoding="utf-8")
    result = run_entx(str(path), "-j", "1", *(["--strict"] if strict else []))
    stderr = stderr_of(result)
    assert result.returncode == (1 if strict else 0), stderr
    assert f"{path}:1: blank line" in stderr and f"{path}:3: blank line" in stderr
    assert f"{path}:2: 'text' has unpaired surrogate" in stderr
    assert [r["id"] for r in jsonl(result.stdout)] == [1, 2]


# --- -o FILE is atomic -------------------------------------------------------------------


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".part")]


def test_output_replaces_the_file_a_link_points_to_only_when_complete(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(PROSE, encoding="utf-8")
    # A file name that is not UTF-8 (copied from an old archive) must not break the output.
    with open(os.path.join(os.fsencode(corpus), b"caf\xe9.txt"), "wb") as latin1_name:
        latin1_name.write("François Hollande est à Tulle.".encode())
    real = tmp_path / "results.jsonl"
    real.write_text("old\n")
    real.chmod(0o640)
    link = tmp_path / "latest.jsonl"
    link.symlink_to(real)
    result = run_entx(str(corpus), "-j", "1", "-o", str(link))
    assert result.returncode == 0, stderr_of(result)
    assert link.is_symlink() and link.resolve() == real
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    records = jsonl(real.read_bytes())  # valid UTF-8 and valid JSON
    assert [r["source"] for r in records] == [str(corpus / "a.txt"), os.fsdecode(os.fsencode(corpus) + b"/caf\xe9.txt")]
    assert records[1]["entities"][0]["text"] == "François Hollande"
    assert _leftovers(tmp_path) == []


def test_missing_output_folder_is_a_clear_error(tmp_path):
    (tmp_path / "a.txt").write_text(PROSE, encoding="utf-8")
    result = run_entx(str(tmp_path / "a.txt"), "-o", str(tmp_path / "nowhere" / "out.jsonl"))
    stderr = stderr_of(result)
    assert result.returncode == 3, stderr
    assert f"the folder '{tmp_path / 'nowhere'}' does not exist" in stderr
    assert not (tmp_path / "nowhere").exists()
    assert_quiet_failure(stderr)


@contextlib.contextmanager
def _small_disk(folder: Path, size: str = "64k"):
    """A tmpfs of ``size`` mounted on ``folder``: a disk that fills up for real."""
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        yield None
        return
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_full_disk_leaves_the_old_output_and_no_temporary_file(tmp_path):
    (tmp_path / "a.txt").write_text(PROSE * 200, encoding="utf-8")  # about 160 KB of JSON
    with _small_disk(tmp_path / "disk") as disk:
        if disk is not None:
            target, limit = disk / "out.jsonl", None
        else:  # not allowed to mount: a file size limit fails writes the same way (EFBIG)
            target, limit = tmp_path / "out.jsonl", 64 * 1024
        target.write_text("old\n")

        def limited() -> None:
            if limit:
                resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        process = run_entx(str(tmp_path / "a.txt"), "-o", str(target), preexec_fn=limited)
        stderr = process.stderr.decode()
        assert process.returncode == 3, stderr
        assert f"{target}: cannot write" in stderr
        assert target.read_text() == "old\n"
        assert _leftovers(target.parent) == []
        assert_quiet_failure(stderr)


def test_device_output_is_written_in_place(tmp_path):
    """``-o /dev/full``: the write fails (exit 3) and the device is still a device.

    A private /dev/full is made with mknod, so that a regression (renaming a temporary
    file over the target) cannot break the system's /dev/full for other programs.
    """
    device = tmp_path / "full"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
        with open(device, "w") as probe:
            probe.write("x")
            probe.flush()
    except PermissionError:
        pytest.skip("cannot create a /dev/full device node (not root, or nodev)")
    except OSError:
        pass  # ENOSPC: the node works
    (tmp_path / "a.txt").write_text(PROSE, encoding="utf-8")
    result = run_entx(str(tmp_path / "a.txt"), "-o", str(device))
    stderr = stderr_of(result)
    assert result.returncode == 3, stderr
    assert "No space left on device" in stderr
    assert stat.S_ISCHR(device.stat().st_mode)
    assert _leftovers(tmp_path) == []
    assert_quiet_failure(stderr)


def _signal_busy_run(tmp_path: Path, target: Path, signum: int, ignored: tuple[int, ...] = ()) -> tuple[int, str]:
    """Start ``entx a.txt -o target`` as from a terminal, with ``ignored`` signals ignored
    (``nohup`` ignores SIGHUP); send ``signum`` while the model is busy with a.txt.

    Dispositions are set in the child whatever this test run inherited: a test started
    under ``nohup`` or as a background job would otherwise pass that on to entx.
    """

    def dispositions() -> None:
        for number in (signal.SIGINT, signal.SIGHUP):
            signal.signal(number, signal.SIG_IGN if number in ignored else signal.SIG_DFL)

    _slow_file(tmp_path / "a.txt")
    process = subprocess.Popen(
        entx_command(str(tmp_path / "a.txt"), "-v", "-j", "1", "-o", str(target)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=ENV,
        start_new_session=True,
        preexec_fn=dispositions,
    )
    stderr = Stderr(process)
    try:
        stderr.wait_for("a.txt: decoded as")  # the temporary output exists; the model is busy
        assert _leftovers(tmp_path)
        if signum == signal.SIGINT:
            os.killpg(process.pid, signum)  # Ctrl-C goes to the process group
        else:
            process.send_signal(signum)
        process.wait(timeout=120)
    finally:
        process.kill()
    return process.returncode, stderr.text()


@pytest.mark.parametrize(
    ("signum", "code"),
    [(signal.SIGINT, 130), (signal.SIGTERM, 128 + signal.SIGTERM), (signal.SIGHUP, 128 + signal.SIGHUP)],
    ids=["ctrl-c", "kill", "hangup"],
)
def test_stopped_run_keeps_the_old_output(tmp_path, signum, code):
    """Ctrl-C, ``kill``, a closed terminal."""
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    returncode, stderr = _signal_busy_run(tmp_path, target, signum)
    assert returncode == code, stderr
    assert target.read_text() == "old\n"
    assert _leftovers(tmp_path) == []
    assert_quiet_failure(stderr)


def test_nohup_run_survives_a_closed_terminal(tmp_path):
    """``nohup entx ...``: SIGHUP ignored when entx starts stays ignored, the run finishes."""
    target = tmp_path / "out.jsonl"
    returncode, stderr = _signal_busy_run(tmp_path, target, signal.SIGHUP, ignored=(signal.SIGHUP,))
    assert returncode == 0, stderr
    assert [record["source"] for record in jsonl(target.read_bytes())] == [str(tmp_path / "a.txt")]
    assert _leftovers(tmp_path) == []


# --- Pipes and Ctrl-C --------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_head_ends_quietly(tmp_path, fmt):
    """``entx big.txt | head -n 1`` as typed in a shell."""
    (tmp_path / "big.txt").write_text(PROSE * 1000, encoding="utf-8")
    script = 'python -m entx -f "$1" big.txt 2>err.txt | head -n 1; echo "${PIPESTATUS[0]}" > rc.txt'
    done = subprocess.run(
        ["bash", "-c", script, "bash", fmt],
        cwd=tmp_path,
        capture_output=True,
        env={**ENV, "PATH": f"{Path(sys.executable).parent}:{ENV['PATH']}"},
        timeout=300,
    )
    assert len(done.stdout.splitlines()) == 1
    stderr = (tmp_path / "err.txt").read_text()
    assert stderr == ""
    code = int((tmp_path / "rc.txt").read_text())
    # JSON Lines: one document, one line, all of it read by head (entx may or may not be
    # done writing when head leaves); CSV: 4,000 rows, head leaves after the first.
    assert code in ((0, 141) if fmt == "jsonl" else (141,))


def test_reader_closing_the_pipe_early(tmp_path):
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": PROSE}) + "\n" for i in range(2000)), encoding="utf-8")
    process = subprocess.Popen(
        entx_command(str(path), "-j", "1"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV
    )
    first = process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.wait(timeout=300)
    assert json.loads(first)["id"] == 0
    assert process.returncode == 141
    assert stderr == ""


def _workers(pid: int) -> list[int]:
    """The pool's worker processes (not its resource tracker)."""
    found = []
    with contextlib.suppress(OSError):
        for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
            with contextlib.suppress(OSError):
                if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                    found.append(int(child))
    return found


def _ignores_sigint(pid: int) -> bool:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("SigIgn:"):
                return bool(int(line.split()[1], 16) & (1 << (signal.SIGINT - 1)))
    return False


def _ctrl_c_with_workers(tmp_path: Path, workers_ready: bool) -> tuple[int, str]:
    """Ctrl-C as a terminal sends it: to the whole process group, workers included."""
    _slow_file(tmp_path / "a.txt")
    process = subprocess.Popen(
        entx_command(str(tmp_path / "a.txt"), "-j", "2"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=ENV,
        start_new_session=True,
    )
    stderr = Stderr(process)
    try:
        deadline = time.monotonic() + 120
        while True:
            workers = _workers(process.pid)
            if len(workers) == 2 and (not workers_ready or all(_ignores_sigint(w) for w in workers)):
                break
            assert process.poll() is None and time.monotonic() < deadline, "no worker processes seen"
            time.sleep(0.01)
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=60)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    return process.returncode, stderr.text()


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc to see the workers")
def test_ctrl_c_with_worker_processes(tmp_path):
    code, stderr = _ctrl_c_with_workers(tmp_path, workers_ready=True)
    assert code == 130, stderr
    assert_quiet_failure(stderr)


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc to see the workers")
def test_ctrl_c_while_workers_start(tmp_path):
    code, stderr = _ctrl_c_with_workers(tmp_path, workers_ready=False)
    assert code == 130, stderr
    assert_quiet_failure(stderr)


# --- Size --------------------------------------------------------------------------------


def test_20_megabytes_without_a_newline(tmp_path):
    """No line break at all: the chunker must cut at spaces, offsets stay exact at 20 MB.

    Windows-1252, so decoding takes the non-UTF-8 path at full size. The filler between
    sentences is non-breaking spaces (what PDF exports are full of), which spaCy goes
    through fast; 20 MB of plain prose takes minutes on any machine (see docs/bad-input.md).
    """
    sentence = "Élisabeth Borne a visité Besançon à l’été avec Olaf Scholz. "
    block = sentence + "\u00a0" * 99_000
    text = block * (20_000_000 // len(block) + 1) + sentence
    path = tmp_path / "big.txt"
    path.write_bytes(text.encode("cp1252"))
    assert path.stat().st_size >= 20_000_000 and b"\n" not in path.read_bytes()
    started = time.monotonic()
    result = run_entx(str(path), "-v", "-j", "1", timeout=600)
    elapsed = time.monotonic() - started
    assert result.returncode == 0, stderr_of(result)
    assert "decoded as cp1252" in stderr_of(result)
    (record,) = jsonl(result.stdout)
    check_offsets(text, record["entities"])
    besancon = [e["start"] for e in record["entities"] if e["text"] == "Besançon"]
    assert len(besancon) == text.count("Besançon")
    assert besancon[-1] > 19_000_000
    assert elapsed < 300, f"{elapsed:.0f} s for 20 MB"
