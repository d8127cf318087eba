"""References that objects other than pods make: ExternalName targets, and the Services that
admission webhooks, CRD conversion webhooks and APIServices call by namespace and name."""

from __future__ import annotations

from typing import TYPE_CHECKING

# The reference model is loaded once something refers to a Service: most runs without pods never do.
if TYPE_CHECKING:
    from kdlint.model.objects import K8sObject
    from kdlint.references.model import Reference, ServiceRef
    from kdlint.references.scanner import Scanner

WEBHOOK_KINDS = ("ValidatingWebhookConfiguration", "MutatingWebhookConfiguration")
SERVICE_REF_KINDS = frozenset({*WEBHOOK_KINDS, "APIService", "CustomResourceDefinition"})  # what service_refs reads
DEFAULT_SERVICE_PORT = 443  # webhooks and APIServices call port 443 unless told otherwise


def external_name(service: K8sObject) -> str | None:
    """The target of an ExternalName Service (of a namespace), or None."""
    if service.get("spec", "type") != "ExternalName" or service.namespace is None:
        return None
    value = service.get("spec", "externalName")
    return value if isinstance(value, str) else None


def external_name_references(service: K8sObject, scanner: Scanner, cluster_domain: str) -> list[Reference]:
    """The in-cluster name an ExternalName Service points at, if it is one."""
    value = external_name(service)
    if value is None:
        return []
    from kdlint.references.model import EXTERNAL_NAME, Reference, Site

    site = Site(service, ("spec", "externalName"), value)
    return [
        Reference(
            host=host, site=site, offset=host.start, field=EXTERNAL_NAME,
            where=f"externalName of Service {service.name}", namespace=service.namespace,
            cluster_domain=cluster_domain,
        )
        for host in scanner.scan(value, "host", service_names=False)
    ]


def service_refs(obj: K8sObject) -> list[ServiceRef]:
    if obj.kind in WEBHOOK_KINDS:
        return _webhook_refs(obj)
    if obj.kind == "APIService":
        ref = _service_ref(obj, ("spec", "service"), f"APIService {obj.name}")
        return [ref] if ref else []
    if obj.kind == "CustomResourceDefinition":
        for path in (("spec", "conversion", "webhook", "clientConfig", "service"), ("spec", "conversion", "webhookClientConfig", "service")):
            ref = _service_ref(obj, path, f"conversion webhook of CustomResourceDefinition {obj.name}")
            if ref:
                return [ref]
    return []


def _webhook_refs(obj: K8sObject) -> list[ServiceRef]:
    refs = []
    webhooks = obj.get("webhooks")
    for index, webhook in enumerate(webhooks if isinstance(webhooks, list) else []):
        name = webhook.get("name") if isinstance(webhook, dict) else None
        ref = _service_ref(obj, ("webhooks", index, "clientConfig", "service"), f"webhook {name or index}")
        if ref:
            refs.append(ref)
    return refs


def _service_ref(obj: K8sObject, path: tuple, what: str) -> ServiceRef | None:
    service = obj.get(*path)
    if not isinstance(service, dict):
        return None
    namespace, name, port = service.get("namespace"), service.get("name"), service.get("port")
    if not isinstance(namespace, str) or not isinstance(name, str) or not namespace or not name:
        return None
    given = isinstance(port, int) and not isinstance(port, bool)
    from kdlint.references.model import ServiceRef

    return ServiceRef(obj, path, namespace, name, port if given else DEFAULT_SERVICE_PORT, given, what)
