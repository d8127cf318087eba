"""The rule book: `rules/<CODE>-<name>/` holds each rule's page and runnable examples."""

from __future__ import annotations

from pathlib import Path

from kdlint.resources import rules_root

HEADINGS = ("## What it does", "## Why it matters", "## How to fix", "## Options", "## References")


def folder(meta) -> Path:
    return rules_root() / f"{meta.code}-{meta.name}"


def page(meta) -> str:
    """README followed by the bad and good examples, as `kdlint rule` prints it."""
    base = folder(meta)
    parts = [(base / "README.md").read_text(encoding="utf-8").rstrip() + "\n"]
    for title, name in (("Example that kdlint flags", "bad.yaml"), ("Example that passes", "good.yaml")):
        example = base / name
        if example.is_file():
            parts.append(f"\n## {title} ({name})\n\n```yaml\n{example.read_bytes().decode('utf-8', errors='replace').rstrip()}\n```\n")
    return "".join(parts)


def index_markdown(rules) -> str:
    """docs/rules.md: every rule with its severity and summary, generated from the registry."""
    lines = [
        "# kdlint rules",
        "",
        "Generated from the rule registry by `python -m kdlint.rulebook > docs/rules.md`; do not edit by hand.",
        "",
        "| Code | Name | Default severity | Summary |",
        "|---|---|---|---|",
    ]
    for rule in rules:
        meta = rule.META
        lines.append(f"| [{meta.code}](../rules/{meta.code}-{meta.name}/README.md) | {meta.name} | {meta.severity} | {meta.summary} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    from kdlint import rules as registry

    print(index_markdown(registry.all_rules()), end="")
