"""What deployment units and kustomize rendering cost (not a test).

    python bench/units_overhead.py [--objects 10000] [--runs 5]

On the corpus of bench/compare.py (bench/bench.py's apps plus a kustomize base deployed by two
overlays), times `kdlint check --scope run` (all input one cluster: no units, no rendering) and
`--scope auto` (the default) alternately, in one run on one interpreter, and prints the ratio;
then, in process, the CPU time of the whole check with each scope and of planning the units
alone (CPU time is less disturbed than wall time by other work on a shared machine).
Writes only inside a temporary folder it removes.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench import generate  # noqa: E402
from compare import ROOT, add_kustomizations, command, time_once  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objects", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kdlint-units-"))
    try:
        corpus = tmp / "corpus"
        count = generate(corpus, args.objects)
        add_kustomizations(corpus)
        # no content cache: both scopes parse every file, so only the units and rendering differ
        sides = {scope: command(ROOT, [str(corpus)], ["--scope", scope, "--no-cache", "--jobs", "1"], tmp / "cache")
                 for scope in ("run", "auto")}
        for argv in sides.values():
            time_once(argv)  # warm the page cache and the bytecode
        walls = {scope: [] for scope in sides}
        for _ in range(args.runs):
            for scope, argv in sides.items():
                walls[scope].append(time_once(argv)[0])
        medians = {scope: statistics.median(values) for scope, values in walls.items()}
        print(f"corpus: about {count:,} objects; {args.runs} runs each")
        for scope, value in medians.items():
            print(f"  --scope {scope}: median {value:.2f} s  (runs: {', '.join(f'{t:.2f}' for t in walls[scope])})")
        print(f"  units and rendering (auto / run), wall: {medians['auto'] / medians['run']:.3f}")
        in_process(corpus, args.runs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def in_process(corpus: Path, runs: int) -> None:
    import time

    sys.path.insert(0, str(ROOT))
    from kdlint.engine import lint, load
    from kdlint.load.discovery import read_files
    from kdlint.settings import Settings
    from kdlint.units import plan

    sources = read_files([str(corpus)], Settings().max_file_size)
    cpu = {"run": [], "auto": []}
    for _ in range(runs):
        for scope in cpu:
            start = time.process_time()
            lint(sources, Settings(scope=scope))
            cpu[scope].append(time.process_time() - start)
    loaded = load(sources, Settings())
    start = time.process_time()
    for _ in range(runs):
        plan(loaded, Settings())
    planning = (time.process_time() - start) / runs
    run, auto = statistics.median(cpu["run"]), statistics.median(cpu["auto"])
    print(f"  in process, CPU: --scope run {run:.2f} s, --scope auto {auto:.2f} s (ratio {auto / run:.3f}); "
          f"planning units and rendering alone {planning:.3f} s ({100 * planning / run:.1f}% of the check)")


if __name__ == "__main__":
    main()
