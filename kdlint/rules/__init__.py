"""The rule registry: an explicit import list, so a typo never silently drops a rule."""

from __future__ import annotations

from types import ModuleType

from kdlint.rules.dns import (
    kd401_cross_namespace_short_name,
    kd402_unknown_service_reference,
    kd403_wrong_cluster_domain,
    kd404_malformed_cluster_name,
    kd405_reference_port_mismatch,
    kd406_hostnetwork_dns_policy,
    kd407_dns_config_breaks_search,
    kd408_probe_host_cluster_name,
    kd409_externalname_target,
)
from kdlint.rules.endpoints import (
    kd301_service_selects_nothing,
    kd302_service_without_endpoints,
    kd303_backends_scaled_to_zero,
    kd304_target_port_unresolved,
    kd305_target_port_undeclared,
    kd306_workload_selector_mismatch,
    kd307_orphan_endpoints,
    kd308_selector_overlap,
    kd309_statefulset_service,
    kd310_ingress_backend,
    kd311_route_backend,
    kd312_pod_subdomain,
)
from kdlint.rules.names import (
    kd501_invalid_name,
    kd502_duplicate_object,
    kd503_search_path_hijack,
    kd504_shadowing_name,
    kd505_controller_name_too_long,
    kd506_duplicate_hostname,
    kd507_service_link_env_collision,
)
from kdlint.rules.schema import (
    kd102_misplaced_field,
    kd201_schema_violation,
    kd202_unknown_field,
    kd203_missing_schema,
    kd204_removed_api,
)
from kdlint.rules.syntax import (
    kd001_yaml_syntax,
    kd002_duplicate_key,
    kd003_not_a_manifest,
    kd004_unreadable_file,
    kd005_unrendered_template,
    kd009_internal_error,
    kd010_unused_suppression,
    kd101_broken_indentation,
)

_MODULES: tuple[ModuleType, ...] = (
    kd001_yaml_syntax,
    kd002_duplicate_key,
    kd003_not_a_manifest,
    kd004_unreadable_file,
    kd005_unrendered_template,
    kd009_internal_error,
    kd010_unused_suppression,
    kd101_broken_indentation,
    kd102_misplaced_field,
    kd201_schema_violation,
    kd202_unknown_field,
    kd203_missing_schema,
    kd204_removed_api,
    kd301_service_selects_nothing,
    kd302_service_without_endpoints,
    kd303_backends_scaled_to_zero,
    kd304_target_port_unresolved,
    kd305_target_port_undeclared,
    kd306_workload_selector_mismatch,
    kd307_orphan_endpoints,
    kd308_selector_overlap,
    kd309_statefulset_service,
    kd310_ingress_backend,
    kd311_route_backend,
    kd312_pod_subdomain,
    kd401_cross_namespace_short_name,
    kd402_unknown_service_reference,
    kd403_wrong_cluster_domain,
    kd404_malformed_cluster_name,
    kd405_reference_port_mismatch,
    kd406_hostnetwork_dns_policy,
    kd407_dns_config_breaks_search,
    kd408_probe_host_cluster_name,
    kd409_externalname_target,
    kd501_invalid_name,
    kd502_duplicate_object,
    kd503_search_path_hijack,
    kd504_shadowing_name,
    kd505_controller_name_too_long,
    kd506_duplicate_hostname,
    kd507_service_link_env_collision,
)

REGISTRY: dict[str, ModuleType] = {module.META.code: module for module in sorted(_MODULES, key=lambda m: m.META.code)}
_BY_NAME = {module.META.name: module for module in _MODULES}


def get(code_or_name: str) -> ModuleType | None:
    """A rule module by code (any case) or kebab-case name."""
    return REGISTRY.get(code_or_name.upper()) or _BY_NAME.get(code_or_name.lower())


def all_rules() -> list[ModuleType]:
    return list(REGISTRY.values())
