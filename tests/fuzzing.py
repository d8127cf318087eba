"""The fuzzing harness: mutate inputs, run the engine and every reporter, check the invariants.

Invariants checked on every input (see `check`):
- no exception escapes, and no rule crashes (no KD009);
- every report parses: JSON and SARIF as JSON, JUnit as XML;
- text starts one line per finding (the others are indented: the rest of a long message, the
  source excerpt, `fix:` and `see`; then the summary), GitHub has one annotation per finding:
  nothing from the input can add a line that reads as a finding;
- no control character, line/paragraph separator or bidi control from the input reaches any output;
- the findings are the same for any order of the input files.
"""

from __future__ import annotations

import json
import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from kdlint.engine import lint
from kdlint.escaping import path_text
from kdlint.load.sources import decode
from kdlint.reporters import render
from kdlint.selection import Selection
from kdlint.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("text", "json", "sarif", "github", "junit", "markdown")
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
SOURCE_GUTTER = re.compile(r"^ *\d+ \| ")  # the source line of an excerpt
SETTINGS = Settings()

# characters an attacker would reach for, inserted by the mutator
HOSTILE = [
    "\x1b[2J", "\x1b]0;title\x07", "\n::error file=x::forged", "\r", "\x85", "\u2028", "\u202e", "\x00", "\ufeff",
    "{{ x }}", "# kdlint: disable-file=KD x", "&a", "*a", "<<: *a", "!!int ", "%YAML 1.1\n", "---\n", '"', "'", "`",
    "|", "<script>", "\\", "9" * 5000, ":", "- ", "[", "{",
]


def fixture_texts() -> list[bytes]:
    """Every rule example and fixture: the seeds the mutator starts from."""
    paths = sorted((ROOT / "rules").glob("*/*.yaml")) + sorted((ROOT / "fixtures" / "rules").rglob("*.yaml"))
    return [path.read_bytes() for path in paths]


def mutate(data: bytes, rng: random.Random, rounds: int = 3) -> bytes:
    """A few random edits: delete, duplicate, re-indent or truncate a line, swap bytes, insert a hostile string."""
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, rounds)):
        if not lines:
            lines = [b""]
        at = rng.randrange(len(lines))
        operation = rng.randrange(6)
        if operation == 0 and len(lines) > 1:
            del lines[at]
        elif operation == 1:
            lines.insert(at, lines[at])
        elif operation == 2:
            lines[at] = b" " * rng.choice((1, 2, 4)) + lines[at] if rng.random() < 0.5 else lines[at].lstrip(b" ")[:]
        elif operation == 3:
            lines[at] = lines[at][: rng.randrange(len(lines[at]) + 1)]
        elif operation == 4:
            joined = bytearray(b"\n".join(lines))
            if len(joined) > 1:
                i, j = rng.randrange(len(joined)), rng.randrange(len(joined))
                joined[i], joined[j] = joined[j], joined[i]
            lines = bytes(joined).split(b"\n")
        else:
            text = lines[at]
            cut = rng.randrange(len(text) + 1)
            lines[at] = text[:cut] + rng.choice(HOSTILE).encode("utf-8") + text[cut:]
    return b"\n".join(lines)


def hostile_name(rng: random.Random, number: int) -> str:
    extra = rng.choice(["", "", "\x1b[31m", "\n", " ", "%,:", "\udcff", "\u202e"])
    return f"in{number}{extra}.yaml"


def check(files: dict[str, bytes]) -> int:
    """Run every invariant on one input (several files); the number of findings."""
    sources = [decode(name, data) for name, data in files.items()]
    report = lint(sources, SETTINGS, Selection())
    crashes = [f for f in report.findings if f.code == "KD009"]
    assert not crashes, crashes[0].message
    again = lint(list(reversed(sources)), SETTINGS, Selection())
    assert again.findings == report.findings, "findings depend on the order of the inputs"
    outputs = {name: render(name, report, show_source=True) for name in FORMATS}
    json.loads(outputs["json"])
    json.loads(outputs["sarif"])
    ET.fromstring(outputs["junit"])
    # each finding: its first line, then indented ones (a source excerpt's gutter starts with the line number)
    lines = outputs["text"].split("\n")[:-2]
    heads = tuple(f"{path_text(f.location.file)}:{f.location.line}:{f.location.column}: {f.code} [{f.severity}] " for f in report.findings)
    assert sum(line.startswith(heads) for line in lines) == len(report.findings), "a finding spans more lines than it should"
    assert all(line.startswith((*heads, "    ")) or SOURCE_GUTTER.match(line) for line in lines), "a line that belongs to no finding"
    shown = sum(_source_shown(report, f) for f in report.findings)
    assert sum(1 for line in lines if SOURCE_GUTTER.match(line) and not line.startswith(heads)) == shown
    assert len(outputs["github"].splitlines()) == len(report.findings), "one annotation per finding"
    for name, output in outputs.items():
        found = UNSAFE.search(output.replace("\n", ""))
        assert found is None, f"{name} output holds {found.group()!r}"
    return len(report.findings)


def _source_shown(report, finding) -> bool:
    text = report.texts.get(finding.location.file)
    return text is not None and 1 <= finding.location.line <= len(text.split("\n"))


def run_mutations(count: int, seed: int = 0) -> tuple[int, int]:
    """`count` mutated inputs of one to three files; (inputs, findings)."""
    rng = random.Random(seed)
    seeds = fixture_texts()
    findings = 0
    for number in range(count):
        files = {
            hostile_name(rng, index): mutate(rng.choice(seeds), rng)
            for index in range(rng.randint(1, 3))
        }
        try:
            findings += check(files)
        except AssertionError as exc:
            raise AssertionError(f"input {number} (seed {seed}): {exc}\n{files!r}") from None
        if count >= 10_000 and (number + 1) % 5_000 == 0:
            print(f"mutation fuzzer: {number + 1:,} inputs, {findings:,} findings", flush=True)
    return count, findings
