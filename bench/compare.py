"""Compare `kdlint check` of this checkout with an earlier commit, in one run (not a test).

    python bench/compare.py [--base REV] [--objects 10000[,50000,...]] [--runs 5] [--warm] [--precommit]
                            [--small] [-- extra kdlint args]

Generates the realistic corpus of bench/bench.py (plus a kustomize base with two overlays, so
that rendering is measured too), checks out REV (default: HEAD~1) into a temporary git worktree,
and times the `kdlint check` command of both alternately, on the same interpreter and corpus:
the machines are shared and noisy, so only the ratio means something. Prints, per corpus size,
the median wall time, CPU time per object and peak memory of each, and the ratio; with
`hyperfine` on PATH, it also runs it for a second opinion. This checkout runs with an empty content
cache each time (cold); `--warm` also times it with the cache of a previous run, `--precommit` one
edited file checked with `--context` over the corpus and a warm cache, `--small` one small file
(this checkout with the cache of its previous run), both as the checkouts are imported above and
as users run kdlint: each side installed by pip (no editable finder, no source checkout beside
it) into a temporary environment that sees this interpreter's dependencies.
Writes only inside a temporary folder it removes.
"""

from __future__ import annotations

import argparse
import os
import shlex
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


def command(checkout: Path, targets: list[str], extra: list[str], cache: Path, python: str = sys.executable) -> list[str]:
    code = "import sys; from kdlint.cli import main; sys.exit(main())"
    # -P: the working directory (this checkout, when run from it) must not shadow PYTHONPATH, or
    # both sides would run this checkout. Bytecode is compiled once, as after `pip install`, and
    # kept in the temporary folder.
    bytecode = cache.parent / "bytecode"
    return ["env", "-u", "PYTHONDONTWRITEBYTECODE", f"PYTHONPYCACHEPREFIX={bytecode}", f"PYTHONPATH={checkout}",
            f"KDLINT_CACHE_DIR={cache}", python, "-P", "-c", code, "check", *targets, "--format", "json", "--fail-on",
            "never", *extra]


def user_python(tmp: Path) -> str:
    """An interpreter as a user's environment has it: this one's dependencies, without the
    editable finder of this checkout's `pip install -e` (a .pth file that site would run)."""
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    purelib = "import sysconfig; print(sysconfig.get_path('purelib'))"
    theirs = subprocess.run([python, "-c", purelib], check=True, capture_output=True, text=True).stdout.strip()
    ours = subprocess.run([sys.executable, "-c", purelib], check=True, capture_output=True, text=True).stdout.strip()
    # a folder named in a .pth file joins sys.path; the .pth files inside it are not run
    Path(theirs, "dependencies.pth").write_text(ours + "\n", encoding="utf-8")
    return python


def installed(checkout: Path, target: Path) -> Path:
    """`checkout` installed by pip into the folder `target` (kdlint alone, without its dependencies)."""
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--disable-pip-version-check", "--target", str(target), str(checkout)],
                   check=True, stdout=subprocess.DEVNULL)
    return target


def time_once(argv: list[str], cold: Path | None = None) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MiB) of one run of the command; `cold`: a cache
    folder emptied first."""
    if cold is not None:
        shutil.rmtree(cold, ignore_errors=True)
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
    parser.add_argument("--objects", default="10000", help="corpus sizes, comma-separated (\"\": none, e.g. with --small)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warm", action="store_true", help="also time this checkout with a warm cache")
    parser.add_argument("--precommit", action="store_true", help="also time one edited file with --context over the corpus")
    parser.add_argument("--small", action="store_true", help="also time one small file")
    parser.add_argument("extra", nargs="*")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kdlint-compare-"))
    worktree = tmp / "base"
    try:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(worktree), args.base],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for size in (int(n) for n in str(args.objects).split(",") if n):  # --objects "": none
            compare(tmp / f"corpus-{size}", size, worktree, args, tmp)
        if args.small:
            small_file(tmp, worktree, args)
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(worktree)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(tmp, ignore_errors=True)


def compare(corpus: Path, size: int, worktree: Path, args, tmp: Path) -> None:
    count = generate(corpus, size)
    add_kustomizations(corpus)
    print(f"corpus: about {count:,} objects; base {args.base} vs this checkout; {args.runs} runs each")
    cache = tmp / "cache"
    sides = {"base": command(worktree, [str(corpus)], args.extra, cache), "this": command(ROOT, [str(corpus)], args.extra, cache)}
    for argv in sides.values():
        time_once(argv, cache)  # warm the page cache and the bytecode
    runs = {name: [] for name in sides}
    for _ in range(args.runs):
        for name, argv in sides.items():
            runs[name].append(time_once(argv, cache))  # this checkout cold: an empty cache each time
    medians = {}
    for name, values in runs.items():
        medians[name] = report(name, values, count)
    print(f"  this / base wall: {medians['this'] / medians['base']:.3f}")
    if args.warm:
        time_once(sides["this"], cache)
        warm = report("this, warm cache", [time_once(sides["this"]) for _ in range(args.runs)], count)
        print(f"  warm / cold wall: {warm / medians['this']:.3f}")
    if args.precommit:
        precommit(corpus, worktree, args, cache, count)
    if shutil.which("hyperfine"):
        subprocess.run(["hyperfine", "--warmup", "1", "--runs", str(args.runs), "--prepare", shlex.join(["rm", "-rf", str(cache)]),
                        *[shlex.join(argv) for argv in sides.values()]], check=False)
    shutil.rmtree(corpus, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)


def report(name: str, values: list, count: int) -> float:
    wall = statistics.median(v[0] for v in values)
    cpu = statistics.median(v[1] for v in values)
    rss = max(v[2] for v in values)
    if count == 1:  # one small file: milliseconds matter
        print(f"  {name}: wall {1000 * wall:.1f} ms, CPU {1000 * cpu:.1f} ms, peak RSS {rss:.0f} MiB"
              f"  (walls: {', '.join(f'{1000 * v[0]:.0f}' for v in values)} ms)")
    else:
        print(f"  {name}: wall {wall:.2f} s, CPU {1000 * cpu / count:.3f} ms/object, peak RSS {rss:.0f} MiB"
              f"  (walls: {', '.join(f'{v[0]:.2f}' for v in values)})")
    return wall


def precommit(corpus: Path, worktree: Path, args, cache: Path, count: int) -> None:
    """A pre-commit hook's run: one edited file, the rest of the repository as context."""
    edited = sorted((corpus / "shop").glob("*.yaml"))[0]
    original = edited.read_text()
    targets = [str(edited), "--context", str(corpus)]
    sides = {"base": command(worktree, targets, args.extra, cache), "this": command(ROOT, targets, args.extra, cache)}
    time_once(command(ROOT, [str(corpus)], args.extra, cache), cache)  # the warm cache of an earlier run
    runs = {name: [] for name in sides}
    for number in range(args.runs):
        for name, argv in sides.items():
            edited.write_text(original + f"# edit {name} {number}\n")
            runs[name].append(time_once(argv))
    edited.write_text(original)
    walls = {name: report(f"{name}, one edited file with --context (warm cache)", values, count) for name, values in runs.items()}
    print(f"  this / base wall: {walls['this'] / walls['base']:.3f}")


def small_file(tmp: Path, worktree: Path, args) -> None:
    from bench import service

    small = tmp / "small.yaml"
    small.write_text(service("shop", "api"), encoding="utf-8")
    cache = tmp / "cache-small"
    ways = {
        "source checkouts": (sys.executable, worktree, ROOT),
        "installed": (user_python(tmp), installed(worktree, tmp / "installed-base"), installed(ROOT, tmp / "installed-this")),
    }
    for way, (python, base, this) in ways.items():
        shutil.rmtree(cache, ignore_errors=True)
        sides = {"base": command(base, [str(small)], args.extra, cache, python),
                 "this": command(this, [str(small)], args.extra, cache, python)}
        for argv in sides.values():
            time_once(argv)  # bytecode, and this checkout's cache
        runs = {name: [] for name in sides}
        for _ in range(max(args.runs, 10)):
            for name, argv in sides.items():
                runs[name].append(time_once(argv))
        print(f"one small file ({way}):")
        walls = {name: report(name, values, 1) for name, values in runs.items()}
        print(f"  this / base wall: {walls['this'] / walls['base']:.3f}")


if __name__ == "__main__":
    main()
