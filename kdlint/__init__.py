"""kdlint: a Kubernetes manifest linter and static analyzer for service discovery."""

__version__ = "0.1.0"
