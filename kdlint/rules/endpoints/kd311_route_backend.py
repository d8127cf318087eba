"""KD311: a Gateway API route backendRef to a missing Service or port, or across namespaces without a grant."""

from kdlint.findings import Severity
from kdlint.graph.references import ROUTE_KINDS, is_route
from kdlint.rules.base import Needs, RuleMeta, Violation
from kdlint.rules.common import port_hint, port_list
from kdlint.rules.endpoints import missing_service_hint, related_object
from kdlint.rules.partial import PARTIAL, no_services, partial_clause

META = RuleMeta("KD311", "route-backend", "Gateway API route backendRef is missing, has no such port, or lacks a ReferenceGrant", Severity.ERROR, Needs.CLUSTER, subjects="objects", kinds=ROUTE_KINDS)


def check(route, ctx):
    view = ctx.view
    if not is_route(route):
        return
    for ref, problem in view.backend_refs(route):
        if problem == "no-grant":
            exists = view.get("Service", ref.namespace, ref.name) is not None
            yield Violation(
                f"backendRef to Service {ref.namespace}/{ref.name} crosses namespaces, and no ReferenceGrant in "
                f"namespace {ref.namespace} allows {route.kind}s from {route.namespace}"
                + ("" if exists else " (the Service is not in the input either)"),
                fix=f"add a ReferenceGrant in {ref.namespace} with from {{group: gateway.networking.k8s.io, "
                f"kind: {route.kind}, namespace: {route.namespace}}} and to {{group: \"\", kind: Service}}",
                subject=route,
                path=ref.path + ("namespace",),
                at_value=True,
            )
        elif problem == "missing-service":
            hint, other = missing_service_hint(view, ref.name, ref.namespace)
            message = f"backendRef Service `{ref.name}` does not exist in namespace {ref.namespace}"
            message += f"; {hint}" if hint else ""
            note = view.unparsed_note(ref.namespace, {"Service"}, name=ref.name)
            partial = other is None and not note and no_services(view, ref.namespace)
            message += partial_clause(ref.namespace, "Service") if partial else note
            related = (related_object(other, "similar Service"),) if other is not None else ()
            yield Violation(message, fix="correct the name or namespace, or add the Service", subject=route, path=ref.name_path,
                            at_value=True, related=related, severity=PARTIAL if partial else None)
        elif problem == "missing-port":
            service = view.get("Service", ref.namespace, ref.name)
            yield Violation(
                f"backendRef port {ref.port} is not a port of Service {ref.namespace}/{ref.name}; its ports: {port_list(view, service)}{port_hint(view, service, ref.port)}",
                fix="use the Service `port` (not the container port)",
                subject=route,
                path=ref.port_path or ref.path,
                at_value=True,
                related=(related_object(service, "backend Service", ("spec", "ports")),),
            )
        elif ref.port is None:
            yield Violation(
                f"backendRef to Service {ref.name} has no `port`, which Gateway API requires for Service backends",
                fix="add the Service port",
                subject=route,
                path=ref.path,
            )
