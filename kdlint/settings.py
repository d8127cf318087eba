"""The settings rules may read: one frozen value per run."""

from __future__ import annotations

from dataclasses import dataclass

from kdlint.dns import DEFAULT_CLUSTER_DOMAIN

DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """What rules may read of the config."""

    default_namespace: str = "default"
    cluster_domain: str = DEFAULT_CLUSTER_DOMAIN  # normalised: `Cluster.Local.` reads `cluster.local`
    kubernetes_version: str | None = None  # None: the newest shipped schema set
    schema_dirs: tuple[str, ...] = ()
    scope: str = "auto"  # deployment units: "auto", "run" (all input), "dir" (per path argument), "file"
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    pod_sources: tuple = ()  # ((group/kind, path), ...) from config `pod-sources`

    def __post_init__(self) -> None:
        if self.cluster_domain != DEFAULT_CLUSTER_DOMAIN:
            from kdlint.dns.names import normalize_domain  # only for a domain of the user's

            object.__setattr__(self, "cluster_domain", normalize_domain(self.cluster_domain))
