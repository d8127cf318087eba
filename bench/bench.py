"""Benchmark kdlint on a generated, realistic corpus (not a test).

    python bench/bench.py [--objects 10000] [--keep DIR]

Prints objects/s for loading alone (documents with positions and objects) and for
the full `kdlint check` in-process, the share of the run spent in cluster rules,
the time the DNS references take (found, and each name read, in a fresh process so that no
cache is warm) and the cyclic GC pauses of the run, objects/s with one rule family selected
at a time, and the wall time of the `kdlint` command on one small file (next to the
interpreter's own start-up and the import of the CLI), also with bytecode cached when
PYTHONDONTWRITEBYTECODE is set.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NAMESPACES = ("shop", "payments", "search", "identity", "monitoring")


def deployment(ns: str, app: str, peer: str) -> str:
    return f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {app}
  namespace: {ns}
  labels: {{app: {app}, tier: backend}}
spec:
  replicas: 2
  selector:
    matchLabels: {{app: {app}}}
  template:
    metadata:
      labels: {{app: {app}, tier: backend}}
      annotations: {{prometheus.io/scrape: "true"}}
    spec:
      containers:
        - name: {app}
          image: registry.example.com/{app}:1.4.2
          args: ["--listen=:8080", "--upstream=http://{peer}:8080"]
          ports:
            - name: http
              containerPort: 8080
          env:
            - name: PEER_URL
              value: http://{peer}.{ns}.svc.cluster.local:8080/api
            - name: LOG_LEVEL
              value: info
          envFrom:
            - configMapRef: {{name: {app}-config}}
          readinessProbe:
            httpGet: {{path: /healthz, port: http}}
            periodSeconds: 5
          livenessProbe:
            tcpSocket: {{port: 8080}}
          resources:
            requests: {{cpu: 100m, memory: 128Mi}}
            limits: {{memory: 256Mi}}
          volumeMounts:
            - name: config
              mountPath: /etc/{app}
      volumes:
        - name: config
          configMap: {{name: {app}-config}}
"""


def service(ns: str, app: str) -> str:
    return f"""apiVersion: v1
kind: Service
metadata:
  name: {app}
  namespace: {ns}
spec:
  selector: {{app: {app}}}
  ports:
    - name: http
      port: 8080
      targetPort: http
"""


def configmap(ns: str, app: str, peer: str, database: str | None) -> str:
    host = f"\n  DATABASE_HOST: {database}" if database else ""
    return f"""apiVersion: v1
kind: ConfigMap
metadata:
  name: {app}-config
  namespace: {ns}
data:{host}
  UPSTREAM_URL: http://{peer}.{ns}:8080
  settings.yaml: |
    upstream: http://{peer}:8080
    timeout: 5s
"""


def statefulset(ns: str, app: str) -> str:
    return f"""apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: {app}-db
  namespace: {ns}
spec:
  serviceName: {app}-db
  replicas: 3
  selector:
    matchLabels: {{app: {app}-db}}
  template:
    metadata:
      labels: {{app: {app}-db}}
    spec:
      containers:
        - name: db
          image: postgres:16
          ports:
            - name: pg
              containerPort: 5432
  volumeClaimTemplates:
    - metadata: {{name: data}}
      spec:
        accessModes: [ReadWriteOnce]
        resources:
          requests: {{storage: 10Gi}}
---
apiVersion: v1
kind: Service
metadata:
  name: {app}-db
  namespace: {ns}
spec:
  clusterIP: None
  selector: {{app: {app}-db}}
  ports:
    - name: pg
      port: 5432
"""


def ingress(ns: str, app: str) -> str:
    return f"""apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {app}
  namespace: {ns}
spec:
  rules:
    - host: {app}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: {app}
                port: {{name: http}}
"""


def generate(target: Path, objects: int, seed: int = 7) -> int:
    """Write about `objects` objects as one file per app; return the exact count."""
    rng = random.Random(seed)
    count, index = 0, 0
    while count < objects:
        ns = NAMESPACES[index % len(NAMESPACES)]
        # the peer is an earlier app of the same namespace, so every reference resolves
        app, peer = f"app{index}", f"app{index - len(NAMESPACES) if index >= len(NAMESPACES) else index}"
        has_database = rng.random() < 0.3
        database = f"{app}-db" if has_database else None
        parts = [deployment(ns, app, peer), service(ns, app), configmap(ns, app, peer, database)]
        count += 3
        if has_database:
            parts.append(statefulset(ns, app))
            count += 2
        if rng.random() < 0.3:
            parts.append(ingress(ns, app))
            count += 1
        folder = target / ns
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{app}.yaml").write_text("---\n".join(parts), encoding="utf-8")
        index += 1
    return count


def measure(corpus: Path, count: int) -> None:
    from kdlint import engine
    from kdlint.load.discovery import read_files
    from kdlint.settings import Settings

    settings = Settings()
    files = read_files([str(corpus)], settings.max_file_size)

    started = time.perf_counter()
    loaded = engine.load(files, settings)
    load_seconds = time.perf_counter() - started
    print(f"loading with positions: {len(loaded.objects):,} objects in {load_seconds:.2f}s = {len(loaded.objects) / load_seconds:,.0f} objects/s")

    timings: dict[str, float] = {}
    pauses = GcPauses()
    started = time.perf_counter()
    with pauses:
        report = engine.lint(files, settings, timings=timings) if "timings" in engine.lint.__code__.co_varnames else engine.lint(files, settings)
    check_seconds = time.perf_counter() - started
    print(f"full check (in process): {report.objects:,} objects in {check_seconds:.2f}s = {report.objects / check_seconds:,.0f} objects/s, {len(report.findings)} findings")
    for stage, seconds in sorted(timings.items()):
        print(f"  {stage}: {seconds:.2f}s ({100 * seconds / check_seconds:.0f}%)")
    dns_line = subprocess.run(
        [sys.executable, __file__, "--dns-stage", str(corpus)], capture_output=True, text=True, check=True,
    ).stdout.strip()
    found, seconds = dns_line.split()
    print(f"  DNS references: {float(seconds):.2f}s ({100 * float(seconds) / check_seconds:.0f}% of the full check) to find {int(found):,} and read each name")
    print(f"  cyclic GC pauses: {pauses.seconds:.2f}s ({100 * pauses.seconds / check_seconds:.0f}%)")
    kdlint = shutil.which("kdlint") or str(Path(sys.executable).parent / "kdlint")
    started = time.perf_counter()
    subprocess.run([kdlint, "check", str(corpus), "--fail-on", "never"], capture_output=True, check=True)
    wall = time.perf_counter() - started
    print(f"`kdlint check` of the corpus (the command, wall, start-up included): {wall:.2f}s = {count / wall:,.0f} objects/s")
    by_family(files, settings)


class GcPauses:
    """The time the cyclic garbage collector runs while the block does."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._started = 0.0

    def _callback(self, phase, info) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._started

    def __enter__(self):
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc) -> None:
        gc.callbacks.remove(self._callback)


def dns_stage(corpus: Path) -> None:
    """Print the number of DNS references and the seconds taken to find them and read each
    name (kdlint.dns.refs), as the KD4xx rules do; run in a fresh process, so that nothing is
    cached, and without GC passes (the stage itself runs without them; the check's pauses are
    reported on their own)."""
    from kdlint import engine
    from kdlint.dns_index import dns_index
    from kdlint.graph import build_views
    from kdlint.load.discovery import read_files
    from kdlint.settings import Settings

    settings = Settings()
    files = read_files([str(corpus)], settings.max_file_size)
    views = build_views(engine.load(files, settings), settings, dns=dns_index)
    # loaded beforehand, as they are after a run's first pod: the stage's work, not the imports
    for module in ("kdlint.references.containers", "kdlint.references.scanner"):
        importlib.import_module(module)

    gc.disable()
    started = time.perf_counter()
    found = 0
    for view in views:
        references = view.dns.references
        for reference in references:
            reference.cluster_ref  # noqa: B018 - what every KD4xx rule reads first
        found += len(references)
    print(found, time.perf_counter() - started)


FAMILIES = (("KD0",), ("KD0", "KD1", "KD2"), ("KD3",), ("KD4",), ("KD5",))


def by_family(files, settings) -> None:
    """The check with one rule family selected at a time (loading included), to see which costs what."""
    from kdlint import engine
    from kdlint.selection import Selection

    print("by rule family (loading included):")
    for family in FAMILIES:
        gc.collect()  # the previous run's garbage is not this family's cost
        started = time.perf_counter()
        report = engine.lint(files, settings, Selection(select=family))
        seconds = time.perf_counter() - started
        print(f"  {'+'.join(family):<12} {report.objects / seconds:>8,.0f} objects/s, {len(report.findings)} findings")


def small_file_wall_time(tmp: Path, runs: int = 10) -> None:
    small = tmp / "small.yaml"
    small.write_text(service("shop", "api"), encoding="utf-8")
    kdlint = shutil.which("kdlint") or str(Path(sys.executable).parent / "kdlint")
    python = str(Path(kdlint).parent / "python")

    def best_ms(command: list[str], env: dict) -> float:
        subprocess.run(command, capture_output=True, check=False, env=env)  # fills the bytecode cache, if any
        best = float("inf")
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(command, capture_output=True, check=False, env=env)
            best = min(best, time.perf_counter() - started)
        return best * 1000

    def report(env: dict, indent: str = "") -> None:
        print(f"{indent}`kdlint check` on one small file: {best_ms([kdlint, 'check', str(small)], env):.0f} ms wall (best of {runs})")
        for label, command in (("python -c pass", [python, "-c", "pass"]), ("import kdlint.cli", [python, "-c", "import kdlint.cli"])):
            print(f"{indent}  of which `{label}`: {best_ms(command, env):.0f} ms wall (best of {runs})")

    report(dict(os.environ))
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        # Then every kdlint module is compiled from source on each run; an installed kdlint
        # has its bytecode compiled once, when pip installs it.
        cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cached["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        print("  (PYTHONDONTWRITEBYTECODE is set: kdlint's modules were compiled on each run; with bytecode cached:)")
        report(cached, "  ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objects", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    parser.add_argument("--dns-stage", type=Path, help=argparse.SUPPRESS)  # measure() runs this in a fresh process
    args = parser.parse_args()
    if args.dns_stage:
        dns_stage(args.dns_stage)
        return
    tmp = Path(tempfile.mkdtemp(prefix="kdlint-bench-"))
    corpus = args.keep or tmp / "corpus"
    try:
        count = generate(corpus, args.objects)
        print(f"corpus: {count:,} objects in {corpus}")
        measure(corpus, count)
        small_file_wall_time(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
