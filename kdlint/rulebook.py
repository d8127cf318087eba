"""The rule book: `rules/<CODE>-<name>/` holds each rule's page and runnable examples."""

from __future__ import annotations

from pathlib import Path

from kdlint.resources import rules_root

HEADINGS = ("## What it does", "## Why it matters", "## How to fix", "## Options", "## References")


def folder(meta) -> Path:
    return rules_root() / f"{meta.code}-{meta.name}"


_SUBJECTS = {
    "services": "each Service", "pod-sources": "each pod template (workloads, Pods)",
    "dns-places": "each written DNS name", "pod-dns-places": "each DNS name a pod resolves",
    "service-refs": "each Service reference", "namespaces": "each namespace",
    "same-name-groups": "each group of same-named objects", "hostname-groups": "each group of pods sharing a hostname",
}
_NEEDS = {"source": "each file", "document": "each YAML document", "unit": "each deployment unit"}


def judges(meta) -> str:
    """What one call of the rule judges, in words: for `kdlint rules`, `kdlint rule` and the docs."""
    needs = meta.needs.value
    if needs in _NEEDS:
        return _NEEDS[needs]
    objects = "each " + (" or ".join(meta.kinds) if meta.kinds else "object")
    if needs == "object":
        return objects
    return ", ".join(objects if source == "objects" else _SUBJECTS[source] for source in meta.subjects)


def page(meta) -> str:
    """README followed by the bad and good examples, as `kdlint rule` prints it."""
    base = folder(meta)
    readme = (base / "README.md").read_text(encoding="utf-8").rstrip()
    title, _, rest = readme.partition("\n")
    parts = [f"{title}\n\nJudges {judges(meta)}; default severity {meta.severity}.\n{rest}\n"]
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
        "| Code | Name | Default severity | Judges | `--fix` | Summary |",
        "|---|---|---|---|---|---|",
    ]
    for rule in rules:
        meta = rule.META
        fixes = "" if str(meta.fix) == "none" else str(meta.fix)
        lines.append(f"| [{meta.code}](../rules/{meta.code}-{meta.name}/README.md) | {meta.name} | {meta.severity} | {judges(meta)} | {fixes} | {meta.summary} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    from kdlint import rules as registry

    print(index_markdown(registry.all_rules()), end="")
