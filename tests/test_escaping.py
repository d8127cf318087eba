"""kdlint.escaping skips its patterns for text that passes `str.isprintable()` (JSON: ASCII
without DEL): that shortcut is exact only while no character the patterns match passes it."""

import re
import sys

import pytest

from kdlint import escaping
from kdlint.escaping import json_safe, visible, visible_line

EVERY_CHARACTER = "".join(map(chr, range(sys.maxunicode + 1)))


@pytest.mark.parametrize("pattern", [escaping._UNSAFE, escaping._UNSAFE_KEEP_TABS])
def test_every_character_escaped_fails_isprintable(pattern):
    matched = re.findall(pattern, EVERY_CHARACTER)
    assert len(matched) > 2000  # the controls, separators, bidi controls and surrogates
    assert [hex(ord(c)) for c in matched if c.isprintable()] == []


def test_every_character_json_escapes_is_del_or_not_ascii():
    matched = re.findall(escaping._JSON_UNSAFE, EVERY_CHARACTER)
    assert "\x7f" in matched and "\u2028" in matched
    assert [hex(ord(c)) for c in matched if c.isascii() and c != "\x7f"] == []


@pytest.mark.parametrize("char, escaped", [("\x1b", "\\x1b"), ("\x7f", "\\x7f"), ("\u202e", "\\u202e"), ("\udcff", "\\xff")])
def test_unsafe_characters_are_escaped_and_plain_text_is_kept(char, escaped):
    assert visible(f"a{char}b") == f"a{escaped}b"
    assert visible_line(f"\ta{char}b") == f"\ta{escaped}b"
    assert visible("plain: text") == "plain: text"
    assert visible("tab\there") == "tab\\x09here"


def test_json_safe_escapes_del_and_keeps_plain_ascii():
    assert json_safe('{"a": "x\x7fy"}') == '{"a": "x\\u007fy"}'
    assert json_safe('{"a": "x\u2028y"}') == '{"a": "x\\u2028y"}'
    assert json_safe('{"a": "caf\u00e9"}') == '{"a": "caf\u00e9"}'
    document = '{\n  "a": "plain"\n}'
    assert json_safe(document) is document
