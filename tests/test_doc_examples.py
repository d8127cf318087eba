"""The docs do what they say: shown commands print what is shown, links and anchors resolve.

An example in README.md, docs/*.md or a rule page is a `$ kdlint ...` line in a code block,
followed by the exact standard output (same indentation, up to a blank line or the end of the
block). It runs from the repository root; a trailing `# exits N` says its exit status (else 0).
After an intended change of output, `KDLINT_UPDATE_DOCS=1 python -m pytest tests/test_doc_examples.py`
rewrites the shown outputs; review the diff.
"""

from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin

from kdlint.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md")), *sorted((ROOT / "rules").glob("*/README.md"))]
_COMMAND = re.compile(r"^(?P<indent>\s*)\$ (?P<command>kdlint .*)$")
_EXIT = re.compile(r"#\s*exits (\d+)")
UPDATE = bool(os.environ.get("KDLINT_UPDATE_DOCS"))


@dataclass
class Example:
    doc: Path
    line: int  # 1-based line of the `$ kdlint` line
    indent: str
    command: str
    output: list[str]

    @property
    def id(self) -> str:
        return f"{self.doc.relative_to(ROOT)}:{self.line}"


def examples(doc: Path) -> list[Example]:
    lines = doc.read_text(encoding="utf-8").split("\n")
    found = []
    for number, line in enumerate(lines):
        match = _COMMAND.match(line)
        if not match:
            continue
        indent, output = match.group("indent"), []
        for following in lines[number + 1:]:
            if not following.strip() or not following.startswith(indent) or following.strip().startswith(("$ ", "```")):
                break
            output.append(following[len(indent):])
        found.append(Example(doc, number + 1, indent, match.group("command"), output))
    return found


ALL_EXAMPLES = [example for doc in DOCS for example in examples(doc)]


def test_the_docs_have_examples():
    assert {e.doc.name for e in ALL_EXAMPLES} >= {"README.md"}
    assert any(e.command.startswith("kdlint check fixtures/seed") for e in ALL_EXAMPLES)


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=[e.id for e in ALL_EXAMPLES])
def test_shown_command_prints_what_is_shown(example, monkeypatch):
    monkeypatch.chdir(ROOT)
    for variable in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(variable, raising=False)
    exit_status = _EXIT.search(example.command)
    args = shlex.split(example.command, comments=True)[1:]
    result = CliRunner().invoke(main, args)
    actual = [line.rstrip() for line in result.stdout.rstrip("\n").split("\n")]
    if UPDATE and actual != example.output:
        _rewrite(example, actual)
    assert result.exit_code == (int(exit_status.group(1)) if exit_status else 0), result.output
    assert actual == example.output, f"{example.id}: `{example.command}` prints:\n" + "\n".join(actual)


def _rewrite(example: Example, actual: list[str]) -> None:
    lines = example.doc.read_text(encoding="utf-8").split("\n")
    start = example.line  # the output starts on the line after the command (0-based index)
    lines[start:start + len(example.output)] = [example.indent + line if line else line for line in actual]
    example.doc.write_text("\n".join(lines), encoding="utf-8")


def test_the_readme_suppression_example_suppresses_everything_it_names(tmp_path, monkeypatch):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Suppressions\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    (tmp_path / ".git").mkdir()
    (tmp_path / "shop.yaml").write_text(block)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "shop.yaml", "--fail-on", "info", "-q"])
    assert result.exit_code == 0 and result.stdout == "", result.output
    unsuppressed = block.replace("# kdlint: ignore=", "# no: ").replace("ignore-check.kdlint.io/KD301", "note")
    (tmp_path / "shop.yaml").write_text(unsuppressed)
    codes = re.findall(r": (KD\d+) \[", CliRunner().invoke(main, ["check", "shop.yaml", "-q"]).stdout)
    assert codes == ["KD304", "KD301"]


# --- links and anchors -----------------------------------------------------------------------

_MARKDOWN = MarkdownIt("commonmark").use(anchors_plugin, max_level=6)


def _parse(doc: Path):
    return _MARKDOWN.parse(doc.read_text(encoding="utf-8"))


def headings(doc: Path) -> set[str]:
    return {token.attrs["id"] for token in _parse(doc) if token.type == "heading_open" and "id" in token.attrs}


def links(doc: Path) -> list[str]:
    found = []
    for token in _parse(doc):
        for child in token.children or ():
            if child.type == "link_open":
                found.append(str(child.attrs["href"]))
    return found


@pytest.mark.parametrize("doc", DOCS, ids=[str(d.relative_to(ROOT)) for d in DOCS])
def test_relative_links_and_anchors_resolve(doc):
    broken = []
    for href in links(doc):
        if re.match(r"[a-z][a-z0-9+.-]*:", href):
            continue  # a URL: not checked offline
        path, _, anchor = href.partition("#")
        target = (doc.parent / path).resolve() if path else doc
        if not target.exists():
            broken.append(f"{href}: no file {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
        elif anchor and target.suffix == ".md" and anchor not in headings(target):
            broken.append(f"{href}: no heading `#{anchor}` in {target.relative_to(ROOT)}")
    assert not broken, f"{doc.relative_to(ROOT)}:\n" + "\n".join(broken)


def test_the_anchor_check_catches_a_wrong_anchor(tmp_path):
    doc = tmp_path / "page.md"
    doc.write_text("# Title\n\n## YAML block collections: `-` items\n\nsee [x](#yaml-block-collections---items)\n")
    assert links(doc) == ["#yaml-block-collections---items"]
    assert "yaml-block-collections---items" in headings(doc)
    assert "block-scalar-styles" not in headings(doc)


# --- the docs stand on their own ---------------------------------------------------------------

# a folder of a developer's machine, or notes outside the repository; URLs are removed first
_MACHINE_PATH = re.compile(r"(?<![\w.])(/work/|/home/|/Users/|/root/|/tmp/|/opt/|\.\./shared\b|[A-Z]:\\\\)")
PRODUCT = [*DOCS, *sorted((ROOT / "rules").rglob("*.yaml")), *sorted((ROOT / "kdlint").rglob("*.py"))]


def machine_paths(text: str) -> list[str]:
    return [match.group(0) for match in _MACHINE_PATH.finditer(re.sub(r"[a-z][a-z0-9+.-]*://\S+", "", text))]


def test_no_doc_or_module_mentions_a_machine_path():
    found = [f"{path.relative_to(ROOT)}: {hit}" for path in PRODUCT for hit in machine_paths(path.read_bytes().decode("utf-8", "replace"))]
    assert found == []


def test_the_machine_path_check_catches_one():
    assert machine_paths("see /work/shared/docs/x.md or ../shared/seed, not https://example.org/root/db") == ["/work/", "../shared"]
    assert machine_paths("from fixtures/seed and docs/dns.md") == []


def test_modules_cite_the_repository_docs_not_an_outside_spec():
    citing = [str(path.relative_to(ROOT)) for path in sorted((ROOT / "kdlint").rglob("*.py")) if "§" in path.read_text(encoding="utf-8")]
    assert citing == []


DOMAIN_RULES = [page for page in sorted((ROOT / "rules").glob("KD[345]*/README.md"))]


@pytest.mark.parametrize("page", DOMAIN_RULES, ids=lambda p: p.parent.name)
def test_dns_and_endpoint_rule_pages_point_at_the_dns_model_and_kubernetes_io(page):
    references = page.read_text(encoding="utf-8").split("\n## References\n", 1)[1]
    assert any(href.startswith("../../docs/dns.md#") for href in links(page)), "no link to a section of docs/dns.md"
    assert "https://kubernetes.io/docs/" in references or "https://gateway-api.sigs.k8s.io/" in references
