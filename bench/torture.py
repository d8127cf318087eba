"""The torture corpus: hostile input generated in a temporary folder, each case run as its own process.

    python bench/torture.py            # every case
    python bench/torture.py -k alias   # cases whose name contains "alias"

Prints, per case, the exit code, the number of findings, seconds and peak memory, and fails
(exit 1) when a case takes more than 10 s or 1 GB, exits with a code it should not, or prints a
traceback. Nothing large is checked in: every input is written here, then deleted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

MAX_SECONDS = 10.0
MAX_BYTES = 1024**3
TIME = shutil.which("time") and "/usr/bin/time"

SERVICE = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n"
DEPLOYMENT = (
    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {matchLabels: {app: web}}\n"
    "  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]}\n"
)
CRD = (Path(__file__).resolve().parent.parent / "fixtures" / "hostile" / "widget-crd.yaml").read_text().replace("PATTERN", "^(a+)+$")


@dataclass
class Case:
    name: str
    files: dict  # relative path -> bytes, or a callable(folder) that writes them
    args: list
    exits: tuple = (0, 1)
    stdin: str | None = None  # a file (relative to the folder) or a device to read standard input from
    json_report: bool = True
    extra: dict = field(default_factory=dict)


def many_files(folder: Path) -> None:
    for number in range(20_000):
        sub = folder / "tree" / f"d{number % 100}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"s{number}.yaml").write_text(SERVICE.replace("name: web", f"name: web{number}"))


def alias_bomb() -> str:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)]
    return "\n".join(lines) + "\n"


def amplification() -> str:
    keys = "".join(f"    k{i}: v\n" for i in range(900))
    return "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - &c\n    name: c\n    image: x\n" + keys + "  - *c\n" * 1000


def cases() -> list[Case]:
    b = str.encode
    template_lines = lambda count: b("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  big: |\n" + "    line\n" * count + '    "{{ y }}"\n')
    manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n"  # a manifest attempt: not another tool's file
    chain = manifest + "a0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}]\n" for i in range(1, 1100))
    huge_int = b("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata: {}\nreplicas: " + "9" * 4301 + "\n")
    forged_name = "nl\nfake.yaml:1:1: KD999 [error] forged.yaml"
    return [
        Case("output-onto-dev-null", {"x.yaml": b(SERVICE)}, ["check", "x.yaml", "--format", "json", "--output", os.devnull], json_report=False),
        Case("output-onto-the-input", {"x.yaml": b(SERVICE)}, ["check", "x.yaml", "--format", "json", "--output", "x.yaml"], exits=(2,), json_report=False),
        Case("output-empty-path", {"x.yaml": b(SERVICE)}, ["check", "x.yaml", "--format", "json", "--output", ""], exits=(2,), json_report=False),
        Case("template-in-a-configmap", {"t.yaml": b('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: t}\ndata:\n  a.tmpl: |\n    {{ define "x" }}{{ end }}\n---\n' + SERVICE)}, ["check", "t.yaml"]),
        Case("directive-in-a-block-scalar", {"d.yaml": b(SERVICE.replace("name: web", "name: Bad_Name") + "  annotations2:\n    run.sh: |\n      # kdlint: disable-file=KD x\n")}, ["check", "d.yaml"], exits=(1,)),
        Case("selection-hides-no-syntax-error", {"s.yaml": b("apiVersion: v1\nkind: Service\nmetadata: {name: a\n")}, ["check", "s.yaml", "--select", "KD3", "--ignore", "KD301"], exits=(1,)),
        Case("redos-pattern-in-a-crd", {"crd.yaml": b(CRD), "w.yaml": b("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {value: " + "a" * 37 + "!}\n")}, ["check", "crd.yaml", "w.yaml"], exits=(1,)),
        Case("template-scan-20k-lines", {"t.yaml": template_lines(20_000)}, ["check", "t.yaml"]),
        Case("template-scan-80k-lines", {"t.yaml": template_lines(80_000)}, ["check", "t.yaml"]),
        Case("alias-amplification", {"amp.yaml": b(amplification())}, ["check", "amp.yaml"], exits=(1,)),
        Case("repeated-key-7mb", {"dup.yaml": b(manifest) + b"a: 1\n" * 1_400_000}, ["check", "dup.yaml"], exits=(1,)),
        Case("stdin-from-dev-zero", {}, ["check", "-"], exits=(1,), stdin="/dev/zero"),
        Case("alias-chain-1100-deep", {"chain.yaml": b(chain)}, ["check", "chain.yaml"], exits=(1,)),
        Case("alias-chain-graph", {"chain.yaml": b(chain)}, ["graph", "chain.yaml"], json_report=False),
        Case("alias-chain-endpoints", {"chain.yaml": b(chain)}, ["endpoints", "chain.yaml"], json_report=False),
        Case("huge-integer", {"big.yaml": huge_int, "s.yaml": b(SERVICE)}, ["check", "big.yaml", "s.yaml"], exits=(1,)),
        Case("huge-integer-in-context", {"big.yaml": huge_int, "s.yaml": b(SERVICE)}, ["check", "s.yaml", "--context", "big.yaml"]),
        Case("deep-config", {".kdlint.yaml": b("a: " + "[" * 100_000 + "]" * 100_000 + "\n"), "s.yaml": b(SERVICE)}, ["check", "s.yaml"], exits=(2,), json_report=False),
        Case("cluster-domain-dots", {"s.yaml": b(SERVICE)}, ["check", "s.yaml", "--cluster-domain", "..."], exits=(2,), json_report=False),
        Case("line-separators-in-strings", {"u.yaml": b(SERVICE.replace("name: web\n", 'name: web\n  annotations: {a: "x\u2028y\x85z"}\n'))}, ["check", "u.yaml"]),
        Case("control-character", {"c.yaml": b(manifest + 'a: "\x07"\n')}, ["check", "c.yaml"], exits=(1,)),
        Case("yaml-and-tag-directives", {"d.yaml": b("%YAML 1.1\n%TAG !e! tag:example.com,2000:\n---\n" + SERVICE)}, ["check", "d.yaml"]),
        Case("utf16-input", {"u.yaml": SERVICE.encode("utf-16")}, ["check", "u.yaml"]),
        Case("bom-before-a-later-document", {"b.yaml": b("\ufeff" + SERVICE + "\ufeff---\n" + DEPLOYMENT)}, ["check", "b.yaml"]),
        Case("colon-in-flow-scalars", {"f.yaml": b("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: web, image: nginx:1.27, command: [sh, -c, echo a:b]}]\n")}, ["check", "f.yaml"]),
        Case("non-utf8-file-name-sarif", {b"bad\xff.yaml": b(SERVICE)}, ["check", os.fsdecode(b"bad\xff.yaml"), "--format", "sarif"], json_report=False),
        Case("forged-file-name", {forged_name: b(SERVICE)}, ["check", forged_name]),
        Case("forged-names-github", {"g.yaml": b(SERVICE.replace("name: web\n", 'name: "web\\n::error file=x::X\\e[2J\\e]0;t\\a"\n'))}, ["check", "g.yaml", "--format", "github"], exits=(1,), json_report=False),
        Case("dot-injection", {"g.yaml": b(SERVICE.replace("name: web\n", "name: 'a\\\"]; injected [label=<PWNED> URL=<https://evil.example/x>]; //'\n") + "---\n" + DEPLOYMENT)}, ["graph", "g.yaml"], json_report=False),
        Case("junit-control-character-name", {"j\x01.yaml": b(SERVICE)}, ["check", "j\x01.yaml", "--format", "junit"], json_report=False),
        Case("alias-bomb", {"bomb.yaml": b(manifest + alias_bomb())}, ["check", "bomb.yaml"], exits=(1,)),
        Case("deep-nesting", {"deep.yaml": b(manifest + "a: " + "[" * 100_000 + "]" * 100_000 + "\n")}, ["check", "deep.yaml"], exits=(1,)),
        Case("huge-line", {"line.yaml": b("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: " + "x" * 9_000_000 + "}\n")}, ["check", "line.yaml"]),
        Case("100k-documents", {"docs.yaml": b("".join(f"---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c{i}}}\n" for i in range(100_000)))}, ["check", "docs.yaml"]),
        Case("20k-files", many_files, ["check", "tree"]),
        Case("bad-encodings", {"latin1.yaml": b"a: caf\xe9\n", "binary.yaml": b"\x89PNG\r\n\x1a\n\x00\x00", "u16.yaml": "a: 1\n".encode("utf-16-le")}, ["check", "latin1.yaml", "binary.yaml", "u16.yaml"], exits=(1,)),
    ]


def run(case: Case, folder: Path) -> dict:
    if callable(case.files):
        case.files(folder)
    else:
        for name, data in case.files.items():
            path = folder / (os.fsdecode(name) if isinstance(name, bytes) else name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    (folder / ".git").mkdir(exist_ok=True)
    args = list(case.args)
    if case.json_report and "--format" not in args:
        args += ["--format", "json"]
    command = [sys.executable, "-m", "kdlint", *args]
    memory_file = folder.parent / f"{case.name}.rss"
    if TIME:
        command = [TIME, "-o", str(memory_file), "-f", "%M", *command]
    stdin = open(case.stdin if case.stdin.startswith("/") else folder / case.stdin, "rb") if case.stdin else subprocess.DEVNULL
    started = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=folder, stdin=stdin, capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        return {"exit": "timeout", "findings": "-", "seconds": 60.0, "mb": 0, "problems": ["ran past 60 s"]}
    finally:
        if case.stdin:
            stdin.close()
    seconds = time.perf_counter() - started
    kilobytes = int(memory_file.read_text().strip().splitlines()[-1]) if TIME and memory_file.exists() else 0
    findings = "-"
    if case.json_report and done.returncode in (0, 1):
        try:
            findings = len(json.loads(done.stdout)["findings"])
        except ValueError:
            findings = "unparsable"
    problems = []
    if done.returncode not in case.exits:
        problems.append(f"exit {done.returncode}, expected {case.exits}: {done.stderr.decode(errors='replace')[-300:]}")
    if b"Traceback" in done.stderr or b"internal error" in done.stderr:
        problems.append("traceback or internal error")
    if findings == "unparsable":
        problems.append("the JSON report does not parse")
    if seconds > MAX_SECONDS:
        problems.append(f"{seconds:.1f} s > {MAX_SECONDS:.0f} s")
    if kilobytes * 1024 > MAX_BYTES:
        problems.append(f"{kilobytes / 1024:.0f} MB > 1 GB")
    return {"exit": done.returncode, "findings": findings, "seconds": seconds, "mb": kilobytes / 1024, "problems": problems}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-k", default="", help="only cases whose name contains this")
    options = parser.parse_args()
    failed = 0
    print(f"{'case':<34} {'exit':>5} {'findings':>9} {'seconds':>8} {'peak MB':>8}")
    with tempfile.TemporaryDirectory(prefix="kdlint-torture-") as root:
        for case in cases():
            if options.k not in case.name:
                continue
            folder = Path(root) / case.name
            folder.mkdir()
            result = run(case, folder)
            shutil.rmtree(folder, ignore_errors=True)
            mark = "" if not result["problems"] else "  FAIL: " + "; ".join(result["problems"])
            failed += bool(result["problems"])
            print(f"{case.name:<34} {result['exit']!s:>5} {result['findings']!s:>9} {result['seconds']:>8.2f} {result['mb']:>8.0f}{mark}", flush=True)
    print("torture: " + ("all cases passed" if not failed else f"{failed} case(s) failed"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
