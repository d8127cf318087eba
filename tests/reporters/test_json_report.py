"""The JSON report is written by orjson, byte for byte what `json.dumps(indent=2)` writes (with the
characters json leaves raw escaped, kdlint.escaping.json_safe)."""

import json

from kdlint.escaping import json_safe
from kdlint.findings import Finding, Location, ObjectId, Report, Severity
from kdlint.reporters import render
from kdlint.reporters.json_format import to_dict

ODD = 'quote" back\\ tab\t nl\n esc\x1b del\x7f é \u2028 \U0001F600 </script>'


def report(message: str) -> Report:
    finding = Finding("KD991", "example", Severity.ERROR, message, Location(f"dir/{ODD}.yaml", 3, 5),
                      ObjectId("v1", "Service", "shop", ODD))
    return Report([finding], files=1, documents=1, objects=1, paths=("dir/a.yaml",))


def test_json_report_is_what_the_standard_encoder_writes():
    for message in (ODD, "".join(chr(c) for c in range(0x250)), ""):
        written = render("json", report(message))
        assert written == json_safe(json.dumps(to_dict(report(message)), indent=2, ensure_ascii=False)) + "\n"
        assert json.loads(written)["findings"][0]["message"] == message


def test_text_orjson_refuses_falls_back_to_the_standard_encoder():
    lone = "bad \udcff byte"  # a file name decoded with surrogateescape
    written = render("json", report(lone))
    assert written == json_safe(json.dumps(to_dict(report(lone)), indent=2, ensure_ascii=False)) + "\n"
