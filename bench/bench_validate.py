#!/usr/bin/env python3
"""Benchmark kdlint's schema validation: prints validated objects per second.

Not a test.  Validates a mix of typical, valid Deployments, Services and ConfigMaps (each object
distinct) on one core, after a warm-up that builds the cached validators.

    python bench/bench_validate.py [--n 30000] [--version 1.30] [--repeat 3] [--pure]

``--pure`` disables the jsonschema-rs screen, measuring the pure-Python jsonschema path.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kdlint.schema.store import SchemaStore  # noqa: E402
from kdlint.schema import validate as validate_mod  # noqa: E402
from kdlint.schema.validate import validate  # noqa: E402


def deployment(i: int) -> dict:
    name = f"app-{i}"
    labels = {"app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "shop", "tier": "web"}
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "namespace": "shop", "labels": dict(labels),
                     "annotations": {"example.com/owner": f"team-{i % 7}"}},
        "spec": {
            "replicas": 1 + i % 5,
            "revisionHistoryLimit": 5,
            "selector": {"matchLabels": {"app.kubernetes.io/name": name}},
            "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 0}},
            "template": {
                "metadata": {"labels": dict(labels)},
                "spec": {
                    "serviceAccountName": name,
                    "securityContext": {"runAsNonRoot": True, "fsGroup": 2000},
                    "containers": [{
                        "name": "main",
                        "image": f"registry.example.com/shop/{name}:1.{i % 50}.0",
                        "imagePullPolicy": "IfNotPresent",
                        "args": ["--port=8080", f"--instance={i}"],
                        "ports": [{"name": "http", "containerPort": 8080, "protocol": "TCP"},
                                  {"name": "metrics", "containerPort": 9090}],
                        "env": [{"name": "LOG_LEVEL", "value": "info"},
                                {"name": "POD_NAME", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
                                {"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}}],
                        "envFrom": [{"configMapRef": {"name": f"{name}-config"}}],
                        "resources": {"requests": {"cpu": "100m", "memory": "128Mi"},
                                      "limits": {"cpu": 1, "memory": "512Mi"}},
                        "readinessProbe": {"httpGet": {"path": "/ready", "port": "http"},
                                           "periodSeconds": 10, "failureThreshold": 3},
                        "livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080},
                                          "initialDelaySeconds": 10},
                        "securityContext": {"allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True,
                                            "capabilities": {"drop": ["ALL"]}},
                        "volumeMounts": [{"name": "config", "mountPath": "/etc/app"},
                                         {"name": "tmp", "mountPath": "/tmp"}],
                    }],
                    "volumes": [{"name": "config", "configMap": {"name": f"{name}-config"}},
                                {"name": "tmp", "emptyDir": {}}],
                },
            },
        },
    }


def service(i: int) -> dict:
    name = f"app-{i}"
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": name, "namespace": "shop", "labels": {"app.kubernetes.io/name": name}},
        "spec": {
            "type": "ClusterIP",
            "selector": {"app.kubernetes.io/name": name},
            "ports": [{"name": "http", "port": 80, "targetPort": "http", "protocol": "TCP"},
                      {"name": "metrics", "port": 9090, "targetPort": 9090}],
        },
    }


def configmap(i: int) -> dict:
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": f"app-{i}-config", "namespace": "shop"},
        "data": {"LOG_FORMAT": "json", "app.yaml": f"listen: 8080\ninstance: {i}\n", "FEATURE_X": "true"},
    }


def objects(n: int) -> list[dict]:
    makers = (deployment, service, configmap)
    return [makers[i % 3](i) for i in range(n)]


def run(store: SchemaStore, objs: list[dict]) -> float:
    start = time.perf_counter()
    for obj in objs:
        errors = validate(store, obj["apiVersion"], obj["kind"], obj)
        if errors:
            raise SystemExit(f"unexpected error on {obj['kind']}: {errors[0].message}")
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=30000, help="objects per round (default 30000)")
    parser.add_argument("--version", default=None, help="Kubernetes version (default newest)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pure", action="store_true", help="pure-Python jsonschema only (no screen)")
    args = parser.parse_args()
    if args.pure:
        validate_mod._rs = None
        validate_mod._screens.clear()
    screen = "jsonschema-rs screen + jsonschema" if validate_mod._rs is not None else "jsonschema only"

    store = SchemaStore(args.version)
    objs = objects(args.n)
    t0 = time.perf_counter()
    run(store, objs[:30])  # warm-up: builds the three validators
    print(f"kubernetes {store.version}; {screen}; warm-up (schema build + validator creation): "
          f"{(time.perf_counter() - t0) * 1000:.1f} ms")
    best = min(run(store, objs) for _ in range(args.repeat))
    print(f"validated {len(objs)} objects (Deployment/Service/ConfigMap mix) in {best:.3f} s "
          f"(best of {args.repeat}): {len(objs) / best:,.0f} objects/s")
    for maker in (deployment, service, configmap):
        sample = [maker(i) for i in range(args.n // 3)]
        t = min(run(store, sample) for _ in range(args.repeat))
        print(f"  {maker.__name__:<11} {len(sample) / t:>10,.0f} objects/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
