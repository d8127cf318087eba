"""The settings rules may read: one frozen value per run."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024


@dataclass(frozen=True)
class Settings:
    default_namespace: str = "default"
    cluster_domain: str = "cluster.local"
    kubernetes_version: str | None = None  # None: the newest shipped schema set
    schema_dirs: tuple[str, ...] = ()
    scope: str = "auto"  # deployment units: "auto", "run" (all input), "dir" (per path argument), "file"
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    pod_sources: tuple = ()  # ((group/kind, path), ...) from config `pod-sources`
