"""The rule registry: one explicit list of rule modules, so a typo fails loudly (ImportError)
instead of silently dropping a rule, and `grep` finds every rule."""

from __future__ import annotations

import importlib
import re
from types import ModuleType

RULE_MODULES: tuple[str, ...] = (
    "kdlint.rules.syntax.kd001_yaml_syntax",
    "kdlint.rules.syntax.kd002_duplicate_key",
    "kdlint.rules.syntax.kd003_not_a_manifest",
    "kdlint.rules.syntax.kd004_unreadable_file",
    "kdlint.rules.syntax.kd005_unrendered_template",
    "kdlint.rules.syntax.kd006_kustomize_not_rendered",
    "kdlint.rules.syntax.kd007_kustomize_build_error",
    "kdlint.rules.syntax.kd009_internal_error",
    "kdlint.rules.syntax.kd010_unused_suppression",
    "kdlint.rules.indentation.kd101_broken_indentation",
    "kdlint.rules.indentation.kd102_misplaced_field",
    "kdlint.rules.schema.kd201_schema_violation",
    "kdlint.rules.schema.kd202_unknown_field",
    "kdlint.rules.schema.kd203_missing_schema",
    "kdlint.rules.schema.kd204_removed_api",
    "kdlint.rules.endpoints.kd301_service_selects_nothing",
    "kdlint.rules.endpoints.kd302_service_without_endpoints",
    "kdlint.rules.endpoints.kd303_backends_scaled_to_zero",
    "kdlint.rules.endpoints.kd304_target_port_unresolved",
    "kdlint.rules.endpoints.kd305_target_port_undeclared",
    "kdlint.rules.endpoints.kd306_workload_selector_mismatch",
    "kdlint.rules.endpoints.kd307_orphan_endpoints",
    "kdlint.rules.endpoints.kd308_selector_overlap",
    "kdlint.rules.endpoints.kd309_statefulset_service",
    "kdlint.rules.endpoints.kd310_ingress_backend",
    "kdlint.rules.endpoints.kd311_route_backend",
    "kdlint.rules.endpoints.kd312_pod_subdomain",
    "kdlint.rules.dns.kd401_cross_namespace_short_name",
    "kdlint.rules.dns.kd402_unknown_service_reference",
    "kdlint.rules.dns.kd403_wrong_cluster_domain",
    "kdlint.rules.dns.kd404_malformed_cluster_name",
    "kdlint.rules.dns.kd405_reference_port_mismatch",
    "kdlint.rules.dns.kd406_hostnetwork_dns_policy",
    "kdlint.rules.dns.kd407_dns_config_breaks_search",
    "kdlint.rules.dns.kd408_probe_host_cluster_name",
    "kdlint.rules.dns.kd409_externalname_target",
    "kdlint.rules.names.kd501_invalid_name",
    "kdlint.rules.names.kd502_duplicate_object",
    "kdlint.rules.names.kd503_search_path_hijack",
    "kdlint.rules.names.kd504_shadowing_name",
    "kdlint.rules.names.kd505_controller_name_too_long",
    "kdlint.rules.names.kd506_duplicate_hostname",
    "kdlint.rules.names.kd507_service_link_env_collision",
)

_MODULES: tuple[ModuleType, ...] = tuple(importlib.import_module(name) for name in RULE_MODULES)

REGISTRY: dict[str, ModuleType] = {module.META.code: module for module in sorted(_MODULES, key=lambda m: m.META.code)}
_BY_NAME = {module.META.name: module for module in _MODULES}


def get(code_or_name: str) -> ModuleType | None:
    """A rule module by code (any case) or kebab-case name."""
    return REGISTRY.get(code_or_name.upper()) or _BY_NAME.get(code_or_name.lower())


def named(ref: str) -> list[ModuleType]:
    """The rules a code (`KD301`), code prefix (`KD3`) or name stands for; empty when none."""
    rule = get(ref)
    if rule is not None:
        return [rule]
    if re.fullmatch(r"KD\d{0,3}", ref.upper()):
        return [r for code, r in REGISTRY.items() if code.startswith(ref.upper())]
    return []


def all_rules() -> list[ModuleType]:
    return list(REGISTRY.values())
