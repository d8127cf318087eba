"""Recognise unrendered Go/Helm templates, which are not YAML yet."""

import re

# `{{` where YAML would read it as structure: at the start of a line, or as an
# unquoted value or list item. Inside a quoted string it is just text. One line at a time:
# a pattern free to cross lines retries from every line of a large file (quadratic).
_TEMPLATE = re.compile(r"^[ \t]*(?:-[ \t]+)?(?:[^\s#'\"][^:#'\"\n]*:[ \t]+)?\{\{", re.M)


def is_template(text: str) -> bool:
    return "{{" in text and _TEMPLATE.search(text) is not None


def first_template_line(text: str) -> int:
    match = _TEMPLATE.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 1
