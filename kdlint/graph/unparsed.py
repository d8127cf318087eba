"""What a document that failed to parse probably was, read from its raw lines.

A Service that selects nothing is often the consequence of its Deployment not parsing; the
finding should say so, but only of a document that could be the missing object: one whose
name is the name looked for, or whose text carries the labels selected. The kind, namespace
and name are guessed from top-level-looking `kind:` / `namespace:` / `name:` lines, which
survive most syntax errors.
"""

from __future__ import annotations

import re

# compiled on first use (re keeps it): only a document that did not parse needs it
_FIELD = r"^\s{0,4}(kind|namespace|name):\s*['\"]?([A-Za-z0-9._-]+)['\"]?\s*(#.*)?$"


class UnparsedDocument:
    """A plain class, not a dataclass: making one costs more at import than a run spends here."""

    __slots__ = ("path", "line", "kind", "namespace", "name", "body")

    def __init__(self, path: str, line: int, kind: str | None, namespace: str | None, name: str | None, body: str = "") -> None:
        self.path = path
        self.line = line
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.body = body  # the document's raw text

    def text(self) -> str:
        what = f"the {self.kind}" if self.kind else "a document"
        if self.name:
            what += f" `{self.name}`"
        return f"{what} in {self.path}:{self.line} could not be parsed"

    def carries(self, labels: dict[str, str]) -> bool:
        """Whether the raw text has a `key: value` line for every label (quoted or not)."""
        return all(
            re.search(rf"(?m)^[\s-]*['\"]?{re.escape(key)}['\"]?\s*:\s*['\"]?{re.escape(value)}['\"]?\s*(#.*)?$", self.body)
            for key, value in labels.items()
        )


def unparsed_documents(documents) -> list[UnparsedDocument]:
    found = []
    for doc in documents:
        if doc.error is None:
            continue
        values, kind_line = {}, None
        for number in range(doc.start_line, min(doc.end_line, len(doc.lines)) + 1):
            match = re.match(_FIELD, doc.lines[number - 1])
            if match and match.group(1) not in values:
                values[match.group(1)] = match.group(2)
                if match.group(1) == "kind":
                    kind_line = number
        body = "\n".join(doc.lines[doc.start_line - 1:doc.end_line])
        found.append(UnparsedDocument(doc.path, kind_line or doc.start_line, values.get("kind"), values.get("namespace"), values.get("name"), body))
    return found


def note_for(unparsed: list[UnparsedDocument], namespace: str | None, default_namespace: str, kinds=None,
             name: str | None = None, labels: dict[str, str] | None = None) -> str:
    """'; the Deployment `api` in prod.yaml:12 could not be parsed' for failures that may explain
    a finding in `namespace`: same namespace, or namespace unknown; of one of `kinds`, named
    `name` and carrying `labels` when these are given (or unknown). Empty when none."""
    relevant = []
    for doc in unparsed:
        if kinds is not None and doc.kind is not None and doc.kind not in kinds:
            continue
        if name is not None and doc.name is not None and doc.name != name:
            continue
        if labels and not doc.carries(labels):
            continue
        doc_namespace = doc.namespace or (default_namespace if doc.kind else None)
        if doc_namespace is None or namespace is None or doc_namespace == namespace:
            relevant.append(doc)
    if not relevant:
        return ""
    shown = "; ".join(doc.text() for doc in relevant[:3])
    more = f" (and {len(relevant) - 3} more)" if len(relevant) > 3 else ""
    return f"; note: {shown}{more}, which may be the cause"
