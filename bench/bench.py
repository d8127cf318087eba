"""Benchmark kdlint on a generated, realistic corpus (not a test).

    python bench/bench.py [--objects 10000] [--keep DIR]

Prints objects/s for loading alone (documents with positions and objects) and for
the full `kdlint check` in-process, the share of the run spent in cluster rules,
objects/s with one rule family selected at a time, and the wall time of the `kdlint`
command on one small file (next to the interpreter's own start-up and the import of the CLI).
"""

from __future__ import annotations

import argparse
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
    from kdlint.load.sources import discover, read_source
    from kdlint.settings import Settings

    settings = Settings()
    files = [read_source(f, settings.max_file_size, root=str(corpus)) for f, _ in discover([str(corpus)])]

    started = time.perf_counter()
    loaded = engine.load(files, settings)
    load_seconds = time.perf_counter() - started
    print(f"loading with positions: {len(loaded.objects):,} objects in {load_seconds:.2f}s = {len(loaded.objects) / load_seconds:,.0f} objects/s")

    timings: dict[str, float] = {}
    started = time.perf_counter()
    report = engine.lint(files, settings, timings=timings) if "timings" in engine.lint.__code__.co_varnames else engine.lint(files, settings)
    check_seconds = time.perf_counter() - started
    print(f"full check (in process): {report.objects:,} objects in {check_seconds:.2f}s = {report.objects / check_seconds:,.0f} objects/s, {len(report.findings)} findings")
    for stage, seconds in sorted(timings.items()):
        print(f"  {stage}: {seconds:.2f}s ({100 * seconds / check_seconds:.0f}%)")
    by_family(files, settings)


FAMILIES = (("KD0",), ("KD0", "KD1", "KD2"), ("KD3",), ("KD4",), ("KD5",))


def by_family(files, settings) -> None:
    """The check with one rule family selected at a time (loading included), to see which costs what."""
    from kdlint import engine
    from kdlint.selection import Selection

    print("by rule family (loading included):")
    for family in FAMILIES:
        started = time.perf_counter()
        report = engine.lint(files, settings, Selection(select=family))
        seconds = time.perf_counter() - started
        print(f"  {'+'.join(family):<12} {report.objects / seconds:>8,.0f} objects/s, {len(report.findings)} findings")


def small_file_wall_time(tmp: Path, runs: int = 10) -> None:
    small = tmp / "small.yaml"
    small.write_text(service("shop", "api"), encoding="utf-8")
    kdlint = shutil.which("kdlint") or str(Path(sys.executable).parent / "kdlint")
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([kdlint, "check", str(small)], capture_output=True, check=False)
        best = min(best, time.perf_counter() - started)
    print(f"`kdlint check` on one small file: {best * 1000:.0f} ms wall (best of {runs})")
    python = str(Path(kdlint).parent / "python")
    for label, command in (("python -c pass", [python, "-c", "pass"]), ("import kdlint.cli", [python, "-c", "import kdlint.cli"])):
        best = float("inf")
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(command, capture_output=True, check=False)
            best = min(best, time.perf_counter() - started)
        print(f"  of which `{label}`: {best * 1000:.0f} ms wall (best of {runs})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objects", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    args = parser.parse_args()
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
