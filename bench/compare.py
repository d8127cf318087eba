"""Compare `kdlint check` of this checkout with an earlier commit, in one run (not a test).

    python bench/compare.py [--base REV] [--objects 10000[,50000,...]] [--runs 5] [-- extra kdlint args]

Generates the realistic corpus of bench/bench.py (plus a kustomize base with two overlays, so
that rendering is measured too), checks out REV (default: HEAD~1) into a temporary git worktree,
and times the `kdlint check` command of both alternately, on the same interpreter and corpus:
the machines are shared and noisy, so only the ratio means something. Prints, per corpus size,
the median wall time, CPU time per object and peak memory of each, and the ratio; with
`hyperfine` on PATH, it also runs it for a second opinion.
Writes only inside a temporary folder it removes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench import generate  # noqa: E402

OVERLAY = """apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: {ns}
resources:
  - ../../base
"""
BASE = """apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - app.yaml
"""


def add_kustomizations(corpus: Path, apps: int = 20) -> None:
    """A base of `apps` ordinary apps, deployed by two overlays."""
    base = corpus / "kustomize" / "base"
    base.mkdir(parents=True)
    source = sorted((corpus / "shop").glob("*.yaml"))[:apps]
    text = "---\n".join(p.read_text().replace("  namespace: shop\n", "") for p in source)
    (base / "app.yaml").write_text(text.replace("name: app", "name: k-app"))
    (base / "kustomization.yaml").write_text(BASE)
    for ns in ("dev", "prod"):
        overlay = corpus / "kustomize" / "overlays" / ns
        overlay.mkdir(parents=True)
        (overlay / "kustomization.yaml").write_text(OVERLAY.format(ns=ns))


def command(checkout: Path, corpus: Path, extra: list[str]) -> list[str]:
    code = "import sys; from kdlint.cli import main; sys.exit(main())"
    return ["env", f"PYTHONPATH={checkout}", sys.executable, "-c", code, "check", str(corpus),
            "--format", "json", "--fail-on", "never", *extra]


def time_once(argv: list[str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MiB) of one run of the command."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {child.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="HEAD~1")
    parser.add_argument("--objects", default="10000", help="corpus sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("extra", nargs="*")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kdlint-compare-"))
    worktree = tmp / "base"
    try:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(worktree), args.base],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for size in (int(n) for n in str(args.objects).split(",")):
            compare(tmp / f"corpus-{size}", size, worktree, args)
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(worktree)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(tmp, ignore_errors=True)


def compare(corpus: Path, size: int, worktree: Path, args) -> None:
    count = generate(corpus, size)
    add_kustomizations(corpus)
    print(f"corpus: about {count:,} objects; base {args.base} vs this checkout; {args.runs} runs each")
    sides = {"base": command(worktree, corpus, args.extra), "this": command(ROOT, corpus, args.extra)}
    for argv in sides.values():
        time_once(argv)  # warm the page cache and the bytecode
    runs = {name: [] for name in sides}
    for _ in range(args.runs):
        for name, argv in sides.items():
            runs[name].append(time_once(argv))
    medians = {}
    for name, values in runs.items():
        wall = statistics.median(v[0] for v in values)
        cpu = statistics.median(v[1] for v in values)
        rss = max(v[2] for v in values)
        medians[name] = wall
        print(f"  {name}: wall {wall:.2f} s, CPU {1000 * cpu / count:.3f} ms/object, peak RSS {rss:.0f} MiB"
              f"  (walls: {', '.join(f'{v[0]:.2f}' for v in values)})")
    print(f"  this / base wall: {medians['this'] / medians['base']:.3f}")
    if shutil.which("hyperfine"):
        subprocess.run(["hyperfine", "--warmup", "1", "--runs", str(args.runs),
                        *[" ".join(argv) for argv in sides.values()]], check=False)
    shutil.rmtree(corpus, ignore_errors=True)


if __name__ == "__main__":
    main()
