"""The README promises things; these tests keep it honest."""

from __future__ import annotations

import re

from conftest import ROOT


def readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def console_blocks(text: str) -> list[str]:
    return re.findall(r"```console\n(.*?)```", text, flags=re.S)


def test_ci_runs_the_readme_test_command_as_written():
    test_command = next(line for block in console_blocks(readme()) for line in block.splitlines() if "pytest" in line)
    assert test_command.strip() in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_library_example_runs_as_shown():
    block = re.search(r"```python\n(.*?)```", readme(), flags=re.S).group(1)
    code, expected = block.rsplit("\n[(e.text", 1)
    namespace: dict = {}
    exec(code, namespace)
    doc = namespace["doc"]
    shown = eval(re.search(r"# (\[.*\])", expected).group(1))
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == shown


def test_exit_codes_documented_match_the_code():
    from entx import runner

    documented = set(re.findall(r"^\| (\d+) \|", readme(), flags=re.M))
    defined = {str(v) for k, v in vars(runner).items() if k.startswith("EXIT_")}
    assert documented == defined
