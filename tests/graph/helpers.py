"""Build cluster views from YAML text, for the graph tests."""

from __future__ import annotations

from textwrap import dedent

from kdlint.dns_index import dns_index
from kdlint.engine import load
from kdlint.graph import build_views
from kdlint.load.sources import SourceFile
from kdlint.settings import Settings


def sources(*texts: str, root: str = "in") -> list[SourceFile]:
    return [SourceFile(f"{root}/doc{i}.yaml", dedent(text), root=root) for i, text in enumerate(texts)]


def view_of(*texts: str, settings: Settings | None = None):
    settings = settings or Settings()
    views = build_views(load(sources(*texts), settings), settings, dns=dns_index)
    assert len(views) == 1
    return views[0]


def deployment(name, labels, namespace="shop", selector=None, replicas=1, ports=(("http", 8080),)):
    selector = selector if selector is not None else labels
    ports_yaml = "".join(f"\n            - name: {n}\n              containerPort: {p}" for n, p in ports)
    return f"""
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  namespace: {namespace}
spec:
  replicas: {replicas}
  selector:
    matchLabels: {_flow(selector)}
  template:
    metadata:
      labels: {_flow(labels)}
    spec:
      containers:
        - name: {name}
          image: example/{name}:1
          ports:{ports_yaml or " []"}
"""


def service(name, selector, namespace="shop", target="http", extra=""):
    selector_yaml = f"\n  selector: {_flow(selector)}" if selector is not None else ""
    return f"""
apiVersion: v1
kind: Service
metadata:
  name: {name}
  namespace: {namespace}
spec:{selector_yaml}
  ports:
    - name: web
      port: 80
      targetPort: {target}{extra}
"""


def _flow(mapping) -> str:
    return "{" + ", ".join(f'"{k}": "{v}"' for k, v in mapping.items()) + "}"
