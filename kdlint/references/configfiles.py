"""The values worth scanning for hosts in a configuration file held by a ConfigMap.

Files are read line by line, whatever their format, so every value keeps its exact offset:
YAML (`key: value`, `- item` under a key), JSON (`"key": "value"`), properties / ini / toml /
.env (`key = value`, `key: value`), nginx-style directives (`proxy_pass http://x;`,
`server x:80;`). A line that fits none of these is scanned as free text (URLs, host:port).
The key (or the parent key of a list item) is the context that says a bare word is a host.
"""

from __future__ import annotations

import re

Span = tuple[int, int, "str | None"]  # (start, end, key) into the file text

_COMMENT = re.compile(r"\s*(#|;|//|!|<!--)")
_JSON_PAIR = re.compile(r'"(?P<key>[^"\\]{1,200})"\s*:\s*(?P<val>"(?:[^"\\]|\\.)*"|[^\s,{}\[\]]+)')
_JSON_ITEM = re.compile(r'"(?:[^"\\]|\\.)*"')
_KEY_VALUE = re.compile(
    r"(?P<indent>\s*)(?P<dash>-\s+)?(?P<key>[\"']?[A-Za-z_$][\w.$/\[\]-]{0,200}[\"']?)"
    r"\s*(?::(?=\s|$)|=)\s*(?P<val>.*?)\s*$"
)
_LIST_ITEM = re.compile(r"(?P<indent>\s*)-\s+(?P<val>.*?)\s*$")
_DIRECTIVE = re.compile(r"\s*(?P<key>[a-z_][a-z0-9_]*)\s+(?P<val>[^;{}#]+?)\s*;")
_INLINE_COMMENT = re.compile(r"\s+#.*$")
_OPENERS = frozenset({"[", "{", "|", ">", "|-", ">-", "|+", ">+"})


def value_spans(content: str) -> list[Span]:
    """(start, end, key) of each value in the file text `content`, in order."""
    # one list filled line by line: a generator per line costs more than reading the line
    spans: list[Span] = []
    parents: list[tuple[int, str]] = []  # (indentation, key) of keys whose value follows below
    offset = 0
    for line in content.split("\n"):
        _line_spans(line, offset, parents, spans)
        offset += len(line) + 1
    return spans


def _line_spans(line: str, offset: int, parents: list, spans: list[Span]) -> None:
    if not line.strip() or _COMMENT.match(line):
        return
    pairs = list(_JSON_PAIR.finditer(line)) if '"' in line else ()
    if pairs:
        for pair in pairs:
            spans.append(_trimmed(line, offset, *pair.span("val"), pair.group("key")))
        return
    match = _KEY_VALUE.match(line)
    if match:
        indent = len(match.group("indent")) + len(match.group("dash") or "")
        key = match.group("key").strip("\"'")
        start, end = match.span("val")
        if start == end or line[start:end] in _OPENERS:  # `key:` with its value on the next lines
            _push(parents, indent, key)
            return
        spans.append(_trimmed(line, offset, start, end, key))
        return
    item = _LIST_ITEM.match(line) or (_JSON_ITEM.fullmatch(line.strip().rstrip(",")) and _json_item(line))
    if item:
        indent = len(item.group("indent"))
        parent = _parent(parents, indent)
        spans.append(_trimmed(line, offset, *item.span("val"), parent))
        return
    directive = _DIRECTIVE.match(line)
    if directive:
        spans.append(_trimmed(line, offset, *directive.span("val"), directive.group("key")))
        return
    spans.append((offset, offset + len(line), None))


def _json_item(line: str):
    return re.match(r"(?P<indent>\s*)(?P<val>.*?),?\s*$", line)


def _push(parents: list, indent: int, key: str) -> None:
    while parents and parents[-1][0] >= indent:
        parents.pop()
    parents.append((indent, key))


def _parent(parents: list, indent: int) -> str | None:
    while parents and parents[-1][0] > indent:
        parents.pop()
    return parents[-1][1] if parents else None


def _trimmed(line: str, offset: int, start: int, end: int, key: str | None) -> Span:
    """Drop an inline comment, a trailing `,`/`;` and surrounding quotes from line[start:end]."""
    value = line[start:end]
    comment = _INLINE_COMMENT.search(value) if "#" in value else None
    if comment and not value.startswith(("'", '"')):
        end = start + comment.start()
        value = line[start:end]
    stripped = value.rstrip(",;").rstrip()
    end = start + len(stripped)
    if len(stripped) >= 2 and stripped[0] == stripped[-1] and stripped[0] in "'\"":
        start, end = start + 1, end - 1
    return offset + start, offset + end, key
