"""How much the discovery graph and the KD3xx rules add to a run, on a generated corpus.

    python bench/bench_graph.py [objects]      (default 10,000)

Writes a multi-namespace corpus into a temporary directory, lints it with every rule, then
with every rule but the cluster ones, and prints both times and the graph stage's share.
"""

from __future__ import annotations

import gc
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kdlint import rules as registry  # noqa: E402
from kdlint.dns_index import dns_index  # noqa: E402
from kdlint.engine import lint, load  # noqa: E402
from kdlint.graph import build_views  # noqa: E402
from kdlint.load.discovery import read_files  # noqa: E402
from kdlint.rules.base import Needs, RuleContext  # noqa: E402
from kdlint.selection import Selection  # noqa: E402
from kdlint.settings import Settings  # noqa: E402

PER_NAMESPACE = 46  # objects written per namespace below


def namespace_docs(n: int) -> str:
    ns = f"team-{n}"
    docs = [f"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {ns}\n"]
    for i in range(10):
        app = f"app-{i}"
        wrong = "-old" if i == 9 else ""  # one Service per namespace selects nothing
        docs.append(f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {app}
  namespace: {ns}
spec:
  replicas: 2
  selector:
    matchLabels: {{app: {app}, part-of: shop}}
  template:
    metadata:
      labels: {{app: {app}, part-of: shop, tier: web}}
    spec:
      containers:
        - name: main
          image: registry.example.com/{app}:1.0.{i}
          ports:
            - {{name: http, containerPort: 8080}}
            - {{name: metrics, containerPort: 9090}}
""")
        docs.append(f"""apiVersion: v1
kind: Service
metadata:
  name: {app}
  namespace: {ns}
spec:
  selector: {{app: {app}{wrong}, part-of: shop}}
  ports:
    - {{name: http, port: 80, targetPort: http}}
    - {{name: metrics, port: 9090, targetPort: 9090}}
""")
        docs.append(f"""apiVersion: v1
kind: ConfigMap
metadata:
  name: {app}-config
  namespace: {ns}
data:
  LOG_LEVEL: info
  UPSTREAM: http://app-{(i + 1) % 10}:80
""")
    for i in range(5):
        docs.append(f"""apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db-{i}
  namespace: {ns}
spec:
  serviceName: db-{i}
  replicas: 3
  selector:
    matchLabels: {{app: db-{i}}}
  template:
    metadata:
      labels: {{app: db-{i}}}
    spec:
      containers:
        - name: db
          image: registry.example.com/db:15
          ports:
            - {{name: sql, containerPort: 5432}}
""")
        docs.append(f"""apiVersion: v1
kind: Service
metadata:
  name: db-{i}
  namespace: {ns}
spec:
  clusterIP: None
  selector: {{app: db-{i}}}
  ports:
    - {{name: sql, port: 5432, targetPort: sql}}
""")
    for i in range(4):
        docs.append(f"""apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: edge-{i}
  namespace: {ns}
spec:
  rules:
    - host: app-{i}.{ns}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: app-{i}
                port:
                  number: 80
""")
    docs.append(f"""apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: app-0
  namespace: {ns}
spec:
  scaleTargetRef: {{apiVersion: apps/v1, kind: Deployment, name: app-0}}
  minReplicas: 2
  maxReplicas: 10
""")
    return "---\n".join(docs)


def timed(fn, repeat=3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    objects = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    namespaces = max(1, objects // PER_NAMESPACE)
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(namespaces):
            (Path(tmp) / f"team-{n}.yaml").write_text(namespace_docs(n))
        sources = read_files([tmp], settings.max_file_size)
        cluster = tuple(r.META.code for r in registry.all_rules() if r.META.needs is Needs.CLUSTER)
        others = tuple(r.META.code for r in registry.all_rules() if r.META.needs is not Needs.CLUSTER)
        loaded = load(sources, settings)
        print(f"{len(loaded.objects):,} objects in {len(sources)} files, {namespaces} namespaces")
        without = timed(lambda: lint(sources, settings, Selection(select=others)))
        with_all = timed(lambda: lint(sources, settings, Selection(select=others + cluster)))
        report = lint(sources, settings, Selection(select=cluster))
        print(f"run without cluster rules: {without:.2f}s")
        print(f"run with all rules:        {with_all:.2f}s  (+{(with_all - without) / without:.1%})")
        # the same stages with the loaded documents moved out of the collector's reach: the
        # difference above is then mostly the cost of full GC passes over the loaded input
        gc.collect()
        gc.freeze()
        build = timed(lambda: build_views(loaded, settings, dns=dns_index))
        views = build_views(loaded, settings, dns=dns_index)
        checks = timed(lambda: [
            list(r.check(subject, RuleContext(settings, view=v)))
            for v in views for r in registry.all_rules() if r.META.code in cluster
            for source in r.META.subjects for subject in v.subjects(source, r.META.kinds)
        ])
        load_time = timed(lambda: load(sources, settings), repeat=1)
        gc.unfreeze()
        stage = build + checks
        print(f"with gc.freeze() after loading: load {load_time:.2f}s, graph build {build:.2f}s, cluster rules {checks:.2f}s "
              f"-> graph stage +{stage / load_time:.1%} of the load")
        print(f"cluster findings: {len(report.findings)}")


if __name__ == "__main__":
    main()
