"""Bundled, versioned Kubernetes schemas (:mod:`kdlint.schema.store`) and validation against
them (:mod:`kdlint.schema.validate`, imported on demand: it pulls in jsonschema)."""

from kdlint.schema.store import SchemaStore, pick_version, shipped_versions

__all__ = ["SchemaStore", "pick_version", "shipped_versions"]
