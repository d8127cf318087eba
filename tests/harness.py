"""Run kdlint on annotated fixtures and compare findings with the `# expect:` comments.

Annotations (YAML comments, so the loader never sees them):
- `# expect: KD301` or `# expect: KD301, KD502` on a line: findings of those codes on this line;
- `# expect-next: KD101` on its own line: a finding on the next line;
- `# expect-file: KD004`: a finding anywhere in the file;
- `# ok: KD301`: the code must not fire on this line.
Matching is strict and multiset-based on (line, code), for the codes under test.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from pathlib import Path
from textwrap import dedent

from click.testing import CliRunner

from kdlint.cli import main
from kdlint.config import load_config
from kdlint.engine import lint
from kdlint.load.sources import SourceFile, decode, read_source
from kdlint.selection import Selection
from kdlint.settings import Settings

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


def crashing_rule(code: str = "KD998", needs=None, subjects=(), check=None):
    """A registry entry whose check always raises (the engine reports the crash as KD009), an
    object rule unless `needs` says otherwise (with `subjects` for a cluster rule); `check`
    replaces the failing one. Install it with `monkeypatch.setitem(registry.REGISTRY, rule.META.code, rule)`."""
    from types import SimpleNamespace

    from kdlint.findings import Severity
    from kdlint.rules.base import Needs, RuleMeta

    def boom(obj, ctx):
        raise KeyError("spec")
        yield

    meta = RuleMeta(code, "always-crashes", "test rule", Severity.ERROR, needs or Needs.OBJECT, subjects=subjects)
    return SimpleNamespace(META=meta, check=check or boom, __name__="broken")


# what a finding reads as in a test's assertions, by field name
FIELDS = {
    "code": lambda f: f.code,
    "file": lambda f: f.location.file,
    "line": lambda f: f.location.line,
    "column": lambda f: f.location.column,
    "message": lambda f: f.message,
    "fix": lambda f: f.fix,
    "severity": lambda f: f.severity,
    "object": lambda f: f.object.name if f.object else None,
}


def lint_snippet(*files, select=("KD",), ignore=(), settings: Settings | None = None, name: str = "f{}.yaml",
                 root: str | None = None, fields: tuple[str, ...] | str | None = None, report: bool = False, **setting_values):
    """Lint YAML written inside a test, as `kdlint check` would lint those files together.

    Each file is a text (dedented, named `name.format(index)`), a `(name, text)` pair, or a
    SourceFile made by the test. Settings come from `settings` or from keyword values
    (`kubernetes_version="1.30"`). Returns the findings; with `fields`, one tuple of those fields
    per finding (see FIELDS), or one value with a single field name; with `report=True`, the
    whole report.
    """
    sources = []
    for index, file in enumerate(files):
        if isinstance(file, SourceFile):
            sources.append(file)
            continue
        path, text = file if isinstance(file, tuple) else (name.format(index), file)
        sources.append(decode(path, dedent(text).encode(), root=root))
    result = lint(sources, settings or Settings(**setting_values), Selection(select=select, ignore=ignore))
    if report:
        return result
    if fields is None:
        return result.findings
    if isinstance(fields, str):
        return [FIELDS[fields](f) for f in result.findings]
    return [tuple(FIELDS[field](f) for field in fields) for f in result.findings]


def kdlint_cli(*args: str, input=None, env: dict | None = None, cwd: Path | None = None, files: dict | None = None):
    """Run the `kdlint` command line in this process and return click's result. With `cwd`, it
    runs in that folder, made a repository root (so no config above it is found); `files`
    (name -> text or bytes) are written into the folder first. A traceback or an exception
    other than the exit is a failure, whatever the test checks next."""
    folder = Path(cwd) if cwd is not None else Path.cwd()
    if cwd is not None:
        (folder / ".git").mkdir(exist_ok=True)
    for name, data in (files or {}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode())
    with contextlib.chdir(folder):
        result = CliRunner().invoke(main, list(args), input=input, env=env)
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def all_paths(node, prefix: tuple = ()):
    """Every path inside parsed YAML (keys and list indexes), the root's `()` first."""
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from all_paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from all_paths(value, prefix + (index,))
