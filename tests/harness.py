"""Run kdlint on annotated fixtures and compare findings with the `# expect:` comments.

Annotations (YAML comments, so the loader never sees them):
- `# expect: KD301` or `# expect: KD301, KD502` on a line: findings of those codes on this line;
- `# expect-next: KD101` on its own line: a finding on the next line;
- `# expect-file: KD004`: a finding anywhere in the file;
- `# ok: KD301`: the code must not fire on this line.
Matching is strict and multiset-based on (line, code), for the codes under test.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from kdlint.config import load_config
from kdlint.engine import lint
from kdlint.load.sources import read_source
from kdlint.selection import Selection

_ANNOTATION = re.compile(r"#\s*(expect|expect-next|expect-file|ok):\s*([A-Z0-9, ]+)")


def expectations(path: Path) -> tuple[Counter, Counter, set]:
    """(expected (line, code) counts, expected file-level code counts, forbidden (line, code))."""
    expected, anywhere, forbidden = Counter(), Counter(), set()
    text = path.read_bytes().decode("utf-8", errors="replace")
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _ANNOTATION.finditer(line):
            kind, codes = match.group(1), [c.strip() for c in match.group(2).split(",") if c.strip()]
            for code in codes:
                if kind == "expect":
                    expected[(number, code)] += 1
                elif kind == "expect-next":
                    expected[(number + 1, code)] += 1
                elif kind == "expect-file":
                    anywhere[code] += 1
                else:
                    forbidden.add((number, code))
    return expected, anywhere, forbidden


def lint_paths(paths: list[Path], select: tuple[str, ...] = ("KD",), config_dir: Path | None = None):
    """Findings for files, or for example folders (a kustomization and its files) taken whole."""
    config_file = (config_dir or (paths[0] if paths[0].is_dir() else paths[0].parent)) / "kdlint.yaml"
    config = load_config(config_file if config_file.is_file() else None)
    files = [(f, str(p)) for p in paths for f in (sorted(p.rglob("*.yaml")) if p.is_dir() else [p])]
    sources = [read_source(f, config.settings.max_file_size, root=root) for f, root in files]
    return lint(sources, config.settings, Selection(select=select, severity=config.selection.severity)).findings


def check_fixture(path: Path, codes: tuple[str, ...], select: tuple[str, ...] | None = None) -> None:
    """Assert that `path` yields exactly its annotated findings for `codes` (running `select`, default `codes`).
    A folder is linted whole, and each of its files checked against its own annotations."""
    if path.is_dir():
        for file in sorted(path.rglob("*.yaml")):
            _check(file, [f for f in lint_paths([path], select=select or codes) if f.code in codes], codes)
        return
    _check(path, [f for f in lint_paths([path], select=select or codes) if f.code in codes], codes)


def _check(path: Path, findings: list, codes: tuple[str, ...]) -> None:
    actual = Counter((f.location.line, f.code) for f in findings if Path(f.location.file).resolve() == path.resolve())
    expected, anywhere, forbidden = expectations(path)
    expected = Counter({k: v for k, v in expected.items() if k[1] in codes})
    for code, count in anywhere.items():
        if code not in codes:
            continue
        lines = [key for key in actual if key[1] == code and key not in expected]
        for key in lines[:count]:
            expected[key] += 1
    problems = []
    if actual != expected:
        problems.append(f"expected {sorted(expected.elements())}\n  actual {sorted(actual.elements())}")
    hit = forbidden & set(actual)
    if hit:
        problems.append(f"`# ok:` lines that fired: {sorted(hit)}")
    if problems:
        shown = "\n".join(f"  {f.location.line}:{f.location.column} {f.code} {f.message}" for f in findings)
        raise AssertionError(f"{path}:\n  " + "\n  ".join(problems) + f"\nfindings:\n{shown}")


def crashing_rule(code: str = "KD998"):
    """A registry entry whose check always raises (the engine reports the crash as KD009);
    install it with `monkeypatch.setitem(registry.REGISTRY, rule.META.code, rule)`."""
    from types import SimpleNamespace

    from kdlint.findings import Severity
    from kdlint.rules.base import Needs, RuleMeta

    def boom(obj, ctx):
        raise KeyError("spec")
        yield

    return SimpleNamespace(META=RuleMeta(code, "always-crashes", "test rule", Severity.ERROR, Needs.OBJECT), check=boom, __name__="broken")
