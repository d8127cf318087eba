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
    for title, name in (("Example that kdlint flags", "bad"), ("Example that passes", "good")):
        for example in examples(meta, name):
            shown = example.relative_to(base).as_posix()
            parts.append(f"\n## {title} ({shown})\n\n```yaml\n{example.read_bytes().decode('utf-8', errors='replace').rstrip()}\n```\n")
    return "".join(parts)


def example(meta, name: str) -> Path:
    """`bad.yaml` (or `good.yaml`), or the folder `bad/` (`good/`) of an example that needs several files."""
    single = folder(meta) / f"{name}.yaml"
    return single if single.is_file() else folder(meta) / name


def examples(meta, name: str) -> list[Path]:
    path = example(meta, name)
    if path.is_dir():
        return sorted(path.rglob("*.yaml"))
    return [path] if path.is_file() else []


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
