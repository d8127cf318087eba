"""KD002: a mapping repeats a key."""

from kdlint.findings import Severity
from kdlint.fixes import Applicability, Fix, FixAvailability, delete_lines
from kdlint.load.indentation import block_end
from kdlint.rules.base import Needs, Ref, RelatedRef, RuleMeta, Violation

META = RuleMeta("KD002", "duplicate-key", "A mapping repeats a key", Severity.ERROR, Needs.DOCUMENT, fix=FixAvailability.SOMETIMES)


def check(doc, ctx):
    for dup in doc.duplicates:
        yield Violation(
            f"key `{dup.key}` appears again (first on line {dup.first_line}), and Kubernetes silently keeps only the last one",
            file=doc.path,
            line=dup.line,
            column=dup.column,
            related=(RelatedRef(Ref(file=doc.path, line=dup.first_line, column=dup.first_column), f"first `{dup.key}`"),),
            fix="remove one of them, or merge their contents into one",
            autofix=_remove_one(doc, dup),
        )


def _remove_one(doc, dup) -> Fix | None:
    """The same entry written twice: drop the second (safe). Different values: drop the first,
    keeping the value Kubernetes keeps, which changes what the author may have meant (unsafe).
    Only for entries that have their lines to themselves (block style)."""
    lines = doc.lines
    first, second = _entry(lines, dup.first_line, dup.first_column), _entry(lines, dup.line, dup.column)
    if first is None or second is None or first[1] >= dup.line:
        return None
    same = _value(lines, first, dup.first_column)
    if same is not None and same == _value(lines, second, dup.column):
        return Fix(f"remove the repeated `{dup.key}` (line {_span(second)})", (delete_lines(doc.path, lines, *second),))
    return Fix(
        f"remove the first `{dup.key}` (line {_span(first)}), keeping the last one as Kubernetes does",
        (delete_lines(doc.path, lines, *first),),
        Applicability.UNSAFE,
    )


def _entry(lines, line: int, column: int) -> tuple[int, int] | None:
    """(first, last) line of the entry whose key starts line `line` at `column`."""
    if line > len(lines) or lines[line - 1][: column - 1].strip():
        return None
    return line, block_end(lines, line, column, siblings=False)


def _value(lines, entry, column: int):
    """The entry read on its own (comments and layout aside), or None when it does not parse so."""
    from kdlint.load.documents import load_documents

    text = "\n".join(line[column - 1 :] for line in lines[entry[0] - 1 : entry[1]])
    docs = load_documents("entry", text + "\n")
    if len(docs) != 1 or docs[0].error is not None or docs[0].duplicates:
        return None
    return docs[0].body


def _span(entry) -> str:
    return str(entry[0]) if entry[0] == entry[1] else f"s {entry[0]}-{entry[1]}"
