"""Values taken from input (file names, object names, labels, messages that quote them) made
safe to print: no character of the input may end a line, move the cursor, recolour a terminal,
reorder text or forge a finding in any output format.

`visible` writes such characters as escapes: C0 and C1 controls, DEL, line and paragraph
separators and bidirectional controls as `\\xNN` / `\\uNNNN`; the surrogates Python uses for
file-name bytes that are not UTF-8 as the byte they stand for (`bad\\xff.yaml`).
"""

from __future__ import annotations

import re

# Every character these patterns match is one `str.isprintable()` rejects, and those of
# _JSON_UNSAFE are DEL or not ASCII: plain text skips the patterns, so a run whose output is plain
# never compiles them (re compiles a pattern on its first use).
_UNSAFE = "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
_UNSAFE_KEEP_TABS = "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: a file-name byte that is not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every unsafe character escaped; it fits on one line."""
    return text if text.isprintable() else re.sub(_UNSAFE, _escape, text)


def visible_line(text: str) -> str:
    """Like `visible`, but tabs stay (a source line keeps its layout)."""
    return text if text.isprintable() else re.sub(_UNSAFE_KEEP_TABS, _escape, text)


_JSON_UNSAFE = "[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"


def json_safe(document: str) -> str:
    """JSON text (as json.dumps writes it with ensure_ascii=False) with the unsafe characters
    json leaves raw written as `\\uNNNN` escapes: the same data, valid UTF-8, nothing raw."""
    if document.isascii() and "\x7f" not in document:
        return document
    return re.sub(_JSON_UNSAFE, lambda m: f"\\u{ord(m.group()):04x}", document)


def mermaid_label(text: str) -> str:
    """A Mermaid label in double quotes: quotes, markup and backticks (which would also end a
    Markdown code fence) written as Mermaid entity codes."""
    text = visible(text)
    for char, entity in (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"), ("`", "#96;"), ("[", "#91;"), ("]", "#93;")):
        text = text.replace(char, entity)
    return '"' + text + '"'


def safe_output(text: str, json_format: bool) -> str:
    """A whole command output made safe: JSON through `json_safe`, other text line by line."""
    if json_format:
        return json_safe(text)
    return "\n".join(visible_line(line) for line in text.split("\n"))


def path_text(path: str) -> str:
    """A file name as text: bytes that are not UTF-8 written as `\\xNN`."""
    return visible(path)
