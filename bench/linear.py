"""Does `kdlint check` grow linearly? CPU per object at several corpus sizes (not a test).

    python bench/linear.py [--objects 10000,50000,100000] [--runs 3] [-- extra kdlint args]

Generates the corpus of bench/compare.py at each size and times this checkout's `kdlint check`,
round after round over the sizes (cold: an empty content cache each run; workers and forked
processes counted), then prints the median CPU time per object at each size and how far the
largest is from the smallest: linear growth keeps them within 10% of each other. CPU time, not
wall time, since the machines are shared. It also times a corpus of about `--fixed` objects and
prints, per size, the CPU per object beyond that run's (start-up, imports, worker start-up: what
any run pays): the growth itself, apart from the fixed cost that makes small runs dearer per
object. Writes only inside a temporary folder it removes.
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
    sizes = [int(n) for n in args.objects.split(",")]
    try:
        corpora = {size: corpus(tmp, size) for size in [args.fixed, *sizes]}
        cache = tmp / "cache"
        argvs = {size: command(ROOT, [str(path)], args.extra, cache) for size, (path, _) in corpora.items()}
        time_once(argvs[args.fixed], cache)  # compiles the bytecode
        # Round after round over every size, so that the machine's drift during the runs (shared
        # machines slow down and speed up by 20%) weighs on every size alike.
        runs = {size: [] for size in argvs}
        for _ in range(args.runs):
            for size, argv in argvs.items():
                runs[size].append(time_once(argv, cache))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    fixed_count, fixed_cpu = corpora[args.fixed][1], statistics.median(cpu for _, cpu, _ in runs[args.fixed])
    print(f"fixed cost: {fixed_cpu:.2f} s CPU for {fixed_count:,} objects")
    per_object, beyond_fixed = {}, {}
    for size in sizes:
        count = corpora[size][1]
        cpu, wall = statistics.median(c for _, c, _ in runs[size]), statistics.median(w for w, _, _ in runs[size])
        per_object[count] = cpu * 1000 / count
        beyond_fixed[count] = (cpu - fixed_cpu) * 1000 / (count - fixed_count)
        print(f"{count:>8,} objects: CPU {per_object[count]:.3f} ms/object ({beyond_fixed[count]:.3f} beyond the fixed cost), "
              f"wall {wall:.2f} s, peak RSS {max(r for _, _, r in runs[size]):.0f} MiB")
    verdict("CPU per object", per_object)
    verdict("CPU per object beyond the fixed cost", beyond_fixed)


def corpus(tmp: Path, size: int) -> tuple[Path, int]:
    """A fresh corpus of about `size` objects, and its exact count."""
    path = tmp / f"corpus-{size}"
    count = generate(path, size)
    add_kustomizations(path)
    return path, count


def verdict(what: str, per_object: dict) -> None:
    low, high = min(per_object.values()), max(per_object.values())
    answer = "linear" if high / low - 1 <= TOLERANCE else "NOT linear"
    print(f"{what}, largest / smallest: {high / low:.3f} ({answer}: the limit is {1 + TOLERANCE:.2f})")


if __name__ == "__main__":
    main()
