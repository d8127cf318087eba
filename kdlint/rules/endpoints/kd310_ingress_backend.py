"""KD310: an Ingress backend naming a Service or port that is not there."""

from kdlint.findings import Severity
from kdlint.rules.base import Needs, RuleMeta, Violation
from kdlint.rules.common import port_hint, port_list
from kdlint.rules.endpoints import missing_service_hint, related_object
from kdlint.rules.partial import PARTIAL, no_services, partial_clause

META = RuleMeta("KD310", "ingress-backend", "Ingress backend names a missing Service or port", Severity.ERROR, Needs.CLUSTER, subjects="objects", kinds=('Ingress',))


def check(ingress, ctx):
    view = ctx.view
    for ref, problem in view.backend_refs(ingress):
        if problem == "missing-service":
            hint, other = missing_service_hint(view, ref.name, ingress.namespace)
            message = f"backend Service `{ref.name}` does not exist in namespace {ingress.namespace}"
            if other is not None and other.namespace != ingress.namespace:
                message += f"; {hint}, but Ingress backends cannot cross namespaces"
                fix = "create the Service (or an ExternalName Service pointing at it) in the Ingress's namespace, or use Gateway API with a ReferenceGrant"
            elif hint:
                message += f"; {hint}"
                fix = "correct the Service name"
            else:
                fix = "add the Service or correct the name"
            note = view.unparsed_note(ingress.namespace, {"Service"}, name=ref.name)
            partial = other is None and not note and no_services(view, ingress.namespace)
            message += partial_clause(ingress.namespace, "Service") if partial else note
            related = (related_object(other, "similar Service"),) if other is not None else ()
            yield Violation(message, fix=fix, subject=ingress, path=ref.name_path, at_value=True, related=related,
                            severity=PARTIAL if partial else None)
        elif problem == "missing-port":
            service = view.get("Service", ref.namespace, ref.name)
            what = "port number" if isinstance(ref.port, int) else "port name"
            yield Violation(
                f"backend {what} {ref.port} is not exposed by Service {ref.name}; its ports: {port_list(view, service)}{port_hint(view, service, ref.port)}",
                fix="use one of the Service's ports (`port`, not `targetPort`), or add the port to the Service",
                subject=ingress,
                path=ref.port_path or ref.path,
                at_value=True,
                related=(related_object(service, "backend Service", ("spec", "ports")),),
            )
