"""What a DNS reference is: a host written somewhere in a manifest, and who resolves it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from kdlint.dns.refs import ClusterRef, parse_ref

if TYPE_CHECKING:  # the model loads without the extraction machinery (kdlint.dns.hosts)
    from kdlint.dns.expansion import Expanded
    from kdlint.dns.host_ref import HostRef
    from kdlint.model.objects import K8sObject
    from kdlint.model.workloads import PodSource

# where a host was found
ENV = "env"
ARGS = "args"
COMMAND = "command"
CONFIG = "config"  # a ConfigMap value the pod consumes (envFrom, configMapKeyRef, mounted file)
PROBE = "probe"  # resolved by the kubelet on the node, not by the pod
LIFECYCLE = "lifecycle"  # hook httpGet/tcpSocket host: the kubelet again
EXTERNAL_NAME = "external-name"  # a CNAME target: absolute, no search list
POD_FIELDS = (ENV, ARGS, COMMAND, CONFIG)  # resolved by the pod's own resolver


@lru_cache(maxsize=16384)  # the same names recur across pods and ConfigMaps
def _parsed(host: str, namespace: str, cluster_domain: str) -> ClusterRef:
    return parse_ref(host, namespace, cluster_domain)


# Site, Text and Reference are built by the ten thousand in a run: plain classes with
# __slots__, cheaper to build than frozen dataclasses. Treat them as immutable all the same
# (Reference fills its two caches itself); they compare by identity.


class Site:
    """A string value inside an object: the place a host is written."""

    __slots__ = ("holder", "path", "value")

    def __init__(self, holder: K8sObject, path: tuple, value: str) -> None:
        self.holder = holder
        self.path = path
        self.value = value

    def __repr__(self) -> str:
        return f"Site(holder={self.holder!r}, path={self.path!r}, value={self.value!r})"

    def position(self, offset: int, length: int) -> tuple[int, int]:
        from kdlint.references.scalars import offset_position  # only for the hosts reported

        doc, where = self.holder.origin(self.path)
        return offset_position(doc.lines, doc.positions.value(where), self.value, offset, length)

    # A value scanned as written is its own Text (see below): no object to build per value.
    @property
    def text(self) -> str:
        return self.value

    def locate(self, start: int, end: int) -> tuple[Site, int, None]:
        return self, start, None


class Text:
    """A value with `$(VAR)` expanded, and for each of its characters, where it is written.

    The characters of a variable map back to the variable's own definition (an earlier env
    entry, a ConfigMap key); `definitions` holds those, each a Text or, for a value used
    as written, its Site.
    """

    __slots__ = ("text", "site", "expanded", "definitions")

    def __init__(self, text: str, site: Site, expanded: Expanded, definitions: dict) -> None:
        self.text = text
        self.site = site
        self.expanded = expanded
        self.definitions = definitions

    def __repr__(self) -> str:
        return f"Text(text={self.text!r}, site={self.site!r})"

    def locate(self, start: int, end: int) -> tuple[Site, int, str | None]:
        """(site, offset in the site's value, variable passed through) of text[start:end]."""
        span = self.expanded.source_span(start, end)
        if span is not None:
            return self.site, span[0], None
        variables = self.expanded.variables_in(start, end)
        first = variables[0]
        definition = self.definitions.get(first.var)
        if len(variables) == 1 and first.out_start <= start and end <= first.out_end and definition is not None:
            site, offset, _ = definition.locate(start - first.out_start, end - first.out_start)
            return site, offset, first.var
        # partly literal (`api.$(NAMESPACE).svc`): where the host starts, else where the variable does
        literal = self.expanded.source_offset(start)
        return self.site, first.src_start if literal is None else literal, first.var


class Reference:
    """A host name (or address) a pod, or the cluster DNS for an ExternalName, will resolve."""

    __slots__ = (
        "host", "site", "offset", "field", "where", "namespace", "cluster_domain", "consumer", "variable",
        "_cluster_ref", "_position",
    )

    def __init__(
        self,
        host: HostRef,  # offsets are into the scanned text, not the site's value
        site: Site,
        offset: int,  # where the host starts in site.value
        field: str,
        where: str,  # "env DB_URL of container api", for messages
        namespace: str,  # resolved from this namespace
        cluster_domain: str,
        consumer: PodSource | None = None,  # None: not resolved by a pod (ExternalName)
        variable: str | None = None,  # the $(VAR) the host came through
    ) -> None:
        self.host = host
        self.site = site
        self.offset = offset
        self.field = field
        self.where = where
        self.namespace = namespace
        self.cluster_domain = cluster_domain
        self.consumer = consumer
        self.variable = variable
        self._cluster_ref: ClusterRef | None = None  # see cluster_ref
        self._position: tuple[int, int] | None = None  # see position

    def __repr__(self) -> str:
        return (
            f"Reference(host={self.host!r}, site={self.site!r}, offset={self.offset!r}, field={self.field!r}, "
            f"where={self.where!r}, namespace={self.namespace!r}, variable={self.variable!r})"
        )

    @property
    def name(self) -> str:
        """Lower-case, without trailing dot or port."""
        return self.host.host

    @property
    def text(self) -> str:
        return self.host.text

    @property
    def holder(self) -> K8sObject:
        return self.site.holder

    @property
    def path(self) -> tuple:
        return self.site.path

    @property
    def by_pod(self) -> bool:
        return self.field in POD_FIELDS

    @property
    def position(self) -> tuple[int, int]:
        found = self._position
        if found is None:
            length = len(self.host.text) if self.variable is None else 1
            found = self._position = self.site.position(self.offset, length)
        return found

    @property
    def file(self) -> str:
        return self.holder.origin(self.site.path)[0].path

    @property
    def place(self) -> tuple:
        """Identity of the written host: references at one place are reported once."""
        return (id(self.site.holder), self.site.path, self.offset, self.name)

    @property
    def cluster_ref(self) -> ClusterRef:
        """The host read as an in-cluster name (kdlint.dns.refs), parsed on first use."""
        # Every rule asks, for every reference: kept in a slot rather than a cached_property,
        # whose lock and per-object dict cost more than the lookup itself.
        found = self._cluster_ref
        if found is None:
            found = self._cluster_ref = _parsed(
                self.host.host + ("." if self.host.absolute else ""), self.namespace, self.cluster_domain
            )
        return found

    def shown(self) -> str:
        via = f" (through $({self.variable}))" if self.variable else ""
        return f"`{self.host.text}` in {self.where}{via}"


@dataclass(frozen=True, eq=False)
class ServiceRef:
    """A Service named by namespace and name (webhook, APIService, CRD conversion)."""

    holder: K8sObject
    path: tuple  # the `service` mapping
    namespace: str
    name: str
    port: int  # 443 when not given
    port_given: bool
    what: str  # "webhook x.example.com", for messages
