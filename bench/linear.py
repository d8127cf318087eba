"""Does `kdlint check` grow linearly? CPU per object at several corpus sizes (not a test).

    python bench/linear.py [--objects 10000,50000,100000] [--runs 3] [-- extra kdlint args]

Generates the corpus of bench/compare.py at each size and times this checkout's `kdlint check`
(cold: an empty content cache each run; workers and forked processes counted), then prints the
median CPU time per object at each size and how far the largest is from the smallest: linear
growth keeps them within 10% of each other. CPU time, not wall time, since the machines are
shared. Writes only inside a temporary folder it removes.
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
    parser.add_argument("extra", nargs="*")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kdlint-linear-"))
    per_object = {}
    try:
        for size in (int(n) for n in args.objects.split(",")):
            corpus = tmp / f"corpus-{size}"
            count = generate(corpus, size)
            add_kustomizations(corpus)
            cache = tmp / "cache"
            argv = command(ROOT, [str(corpus)], args.extra, cache)
            runs = [time_once(argv, cache) for _ in range(args.runs)]
            per_object[count] = statistics.median(cpu for _, cpu, _ in runs) * 1000 / count
            rss = max(rss for _, _, rss in runs)
            print(f"{count:>8,} objects: CPU {per_object[count]:.3f} ms/object, wall {statistics.median(w for w, _, _ in runs):.2f} s, "
                  f"peak RSS {rss:.0f} MiB", flush=True)
            shutil.rmtree(corpus, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    low, high = min(per_object.values()), max(per_object.values())
    spread = high / low - 1
    verdict = "linear" if spread <= TOLERANCE else "NOT linear"
    print(f"largest / smallest CPU per object: {high / low:.3f} ({verdict}: the limit is {1 + TOLERANCE:.2f})")


if __name__ == "__main__":
    main()
