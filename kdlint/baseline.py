"""Baselines: the findings a repository already has, so that only new ones fail a run.

A finding is known by its rule, file, object and message, never by its line, so editing a
file around a known finding keeps it known. Files are stored relative to the baseline's
own directory, so the baseline works from any working directory.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import replace
from pathlib import Path

from kdlint.config import ConfigError

FORMAT_VERSION = 1


class BaselineError(ConfigError):
    """A baseline that cannot be used (exit code 2, never a silent pass)."""


def dump(findings, base_dir: Path) -> str:
    keys = Counter(_key(f, base_dir) for f in findings)
    entries = [
        {"code": code, "file": file, "object": label, "message": message, "count": count}
        for (code, file, label, message), count in sorted(keys.items(), key=lambda item: tuple(str(p) for p in item[0]))
    ]
    return json.dumps({"kdlint-baseline": FORMAT_VERSION, "findings": entries}, indent=2, ensure_ascii=False) + "\n"


def load(path: Path) -> Counter:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found (create it with `kdlint baseline PATHS -o {path}`)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read the baseline ({exc})") from exc
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}:{exc.lineno}: the baseline is not valid JSON ({exc.msg})") from exc
    except RecursionError:
        raise BaselineError(f"{path}: the baseline is nested too deeply to be a kdlint baseline") from None
    except ValueError as exc:  # an integer past Python's digit limit
        raise BaselineError(f"{path}: cannot read the baseline ({exc})") from None
    if not isinstance(data, dict) or data.get("kdlint-baseline") != FORMAT_VERSION or not isinstance(data.get("findings"), list):
        raise BaselineError(f'{path}: not a kdlint baseline (expected {{"kdlint-baseline": {FORMAT_VERSION}, "findings": [...]}})')
    known: Counter = Counter()
    for number, entry in enumerate(data["findings"]):
        if not _valid_entry(entry):
            raise BaselineError(
                f"{path}: baseline entry {number} is malformed: it needs string `code`, `file` and `message`, "
                "`object` as a string or null, and a positive integer `count`"
            )
        known[(entry["code"], entry["file"], entry["object"], entry["message"])] += entry.get("count", 1)
    return known


def apply(report, known: Counter, base_dir: Path):
    """The report without the findings the baseline lists (each entry absorbs up to `count` findings)."""
    remaining = Counter(known)
    new = []
    for finding in report.findings:
        key = _key(finding, base_dir)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            new.append(finding)
    return replace(report, findings=new, baselined=report.baselined + len(report.findings) - len(new))


def _key(finding, base_dir: Path) -> tuple:
    code, file, label, message = finding.identity()
    relative = Path(os.path.relpath(os.path.abspath(file), os.path.abspath(base_dir))).as_posix()
    return (code, relative, label, message)


def _valid_entry(entry) -> bool:
    return (
        isinstance(entry, dict)
        and all(isinstance(entry.get(key), str) for key in ("code", "file", "message"))
        and (entry.get("object") is None or isinstance(entry.get("object"), str))
        and "object" in entry
        and (isinstance(entry.get("count", 1), int) and not isinstance(entry.get("count", 1), bool) and entry.get("count", 1) > 0)
    )
