"""Rule help for reports, read from the rule book."""

from __future__ import annotations

from functools import cache

from kdlint import rulebook


@cache
def rule_help(meta) -> tuple[str, str]:
    """("What it does", the whole page in Markdown); the summary when a page is missing."""
    try:
        page = rulebook.page(meta)
    except ValueError:  # an example that is not UTF-8 on purpose (KD004): the page without examples
        page = (rulebook.folder(meta) / "README.md").read_text(encoding="utf-8")
    except OSError:
        return meta.summary, meta.summary
    return _section(page, "## What it does") or meta.summary, page


def _section(page: str, heading: str) -> str:
    lines = page.splitlines()
    if heading not in lines:
        return ""
    body = []
    for line in lines[lines.index(heading) + 1:]:
        if line.startswith("#"):
            break
        body.append(line)
    return " ".join(" ".join(body).split())
