"""Does `kdlint check` grow linearly? CPU per object at several corpus sizes (not a test).

    python bench/linear.py [--objects 10000,50000,100000] [--runs 3] [-- extra kdlint args]

Generates the corpus of bench/compare.py at each size and times this checkout's `kdlint check`
(cold: an empty content cache each run; workers and forked processes counted), then prints the
median CPU time per object at each size and how far the largest is from the smallest: linear
growth keeps them within 10% of each other. CPU time, not wall time, since the machines are
shared. It also times a corpus of about `--fixed` objects and prints, per size, the CPU per
object beyond that run's (start-up, imports, worker start-up: what any run pays): the growth
itself, apart from the fixed cost that makes small runs dearer per object. Writes only inside a
temporary folder it removes.
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

TOLERANCE = 0.10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objects", default="10000,50000,100000", help="corpus sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--fixed", type=int, default=200, help="objects of the run whose CPU counts as fixed cost")
    parser.add_argument("extra", nargs="*")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kdlint-linear-"))
    per_object, beyond_fixed = {}, {}
    try:
        fixed_count, fixed_cpu, _, _ = measure(tmp, args.fixed, args, warm_up=True)
        print(f"fixed cost: {fixed_cpu:.2f} s CPU for {fixed_count:,} objects", flush=True)
        for size in (int(n) for n in args.objects.split(",")):
            count, cpu, wall, rss = measure(tmp, size, args)
            per_object[count] = cpu * 1000 / count
            beyond_fixed[count] = (cpu - fixed_cpu) * 1000 / (count - fixed_count)
            print(f"{count:>8,} objects: CPU {per_object[count]:.3f} ms/object ({beyond_fixed[count]:.3f} beyond the fixed cost), "
                  f"wall {wall:.2f} s, peak RSS {rss:.0f} MiB", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    verdict("CPU per object", per_object)
    verdict("CPU per object beyond the fixed cost", beyond_fixed)


def measure(tmp: Path, size: int, args, warm_up: bool = False) -> tuple[int, float, float, float]:
    """(objects, median CPU seconds, median wall seconds, peak RSS MiB) of `kdlint check` on a fresh
    corpus; `warm_up`: after a run left out, which compiles the bytecode."""
    corpus = tmp / f"corpus-{size}"
    count = generate(corpus, size)
    add_kustomizations(corpus)
    cache = tmp / "cache"
    argv = command(ROOT, [str(corpus)], args.extra, cache)
    runs = [time_once(argv, cache) for _ in range(args.runs + warm_up)][warm_up:]
    shutil.rmtree(corpus, ignore_errors=True)
    return (count, statistics.median(cpu for _, cpu, _ in runs), statistics.median(w for w, _, _ in runs),
            max(rss for _, _, rss in runs))


def verdict(what: str, per_object: dict) -> None:
    low, high = min(per_object.values()), max(per_object.values())
    answer = "linear" if high / low - 1 <= TOLERANCE else "NOT linear"
    print(f"{what}, largest / smallest: {high / low:.3f} ({answer}: the limit is {1 + TOLERANCE:.2f})")


if __name__ == "__main__":
    main()
