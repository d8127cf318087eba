"""The hosts one pod source uses: env, command, args, probes, hooks, and ConfigMaps it reads.

`$(VAR)` in env values, command and args is expanded the way the kubelet does it (earlier env
entries, and envFrom variables), and a host that came through a variable is placed where
the variable's value is written.
"""

from __future__ import annotations

from kdlint.dns.expansion import expand_env
from kdlint.dns.host_ref import HostRef, is_service_dns_name
from kdlint.model.workloads import PodSource
from kdlint.references import configfiles
from kdlint.references.model import (
    ARGS,
    COMMAND,
    CONFIG,
    ENV,
    LIFECYCLE,
    PROBE,
    Reference,
    Site,
    Text,
)
from kdlint.references.scanner import BARE, Scanner, host_context, is_weak

CONTAINER_FIELDS = ("initContainers", "containers", "ephemeralContainers")
PROBES = ("livenessProbe", "readinessProbe", "startupProbe")
HOOKS = ("postStart", "preStop")
HANDLERS = ("httpGet", "tcpSocket")  # the handlers with a `host` (exec has none)


def held_field(holder) -> str:
    """The field of a ConfigMap or Secret whose values pods are scanned for hosts: a ConfigMap's
    `data`, a Secret's `stringData` (its `data` and a ConfigMap's `binaryData` are base64)."""
    return "stringData" if holder.kind == "Secret" else "data"


class HeldValues:
    """The string values of ConfigMaps and Secrets, read once however many pods consume them:
    their Sites, and the hosts in those that are files."""

    def __init__(self, scanner: Scanner) -> None:
        self.scanner = scanner
        self._sites: dict[object, list[tuple[str, Site]]] = {}  # holder (a K8sObject) -> its sites
        self._file_hosts: dict[Site, list[tuple[HostRef, int]]] = {}

    def sites(self, holder) -> list[tuple[str, Site]]:
        """(key, Site) for each string value of a ConfigMap's `data` or a Secret's `stringData`
        (a Secret's `data` is base64: no position inside it could be shown)."""
        if holder is None:
            return []
        found = self._sites.get(holder)
        if found is None:
            field_name = held_field(holder)
            data = holder.get(field_name)
            found = self._sites[holder] = [
                (str(key), Site(holder, (field_name, key), value))
                for key, value in (data.items() if isinstance(data, dict) else ())
                if isinstance(value, str)
            ]
        return found

    def file_hosts(self, site: Site) -> list[tuple[HostRef, int]]:
        """(host, offset in the value) for a value that is a file, read line by line."""
        found = self._file_hosts.get(site)
        if found is None:
            found = self._file_hosts[site] = [
                (host, start + host.start)
                for start, end, key in configfiles.value_spans(site.value)
                for host in self.scanner.scan(site.value[start:end], key, service_names=False)
                if self._is_address(host, key)
            ]
        return found

    def _is_address(self, host: HostRef, key: str | None) -> bool:
        """Structured data (JSON dashboards, alerting rules, app settings) is full of `word:123`
        values that are no hosts (`"$$hashKey": "object:1058"`): under a key, a host counts only
        when the key holds addresses, or the value says it is one by its form (a URL, a whole
        Service DNS name) or by naming a Service of the input."""
        if key is None or host_context(key) or host.scheme is not None:
            return True
        return is_service_dns_name(host.host) or host.host in self.scanner.service_names


class PodScan:
    """References of one pod source; `lookup(kind, namespace, name)` finds ConfigMaps and
    Secrets of the input, `held` reads their values (shared by the pods of a run)."""

    def __init__(self, source: PodSource, scanner: Scanner, lookup, cluster_domain: str, held: HeldValues | None = None,
                 needle: str | None = None) -> None:
        # lookup("Service", namespace, name) also says which weak references are kept
        self.source = source
        self.needle = needle  # see may_hold
        self.scanner = scanner
        self.lookup = lookup
        self.cluster_domain = cluster_domain
        self.held = held or HeldValues(scanner)
        self.namespace = source.obj.namespace
        self.references: list[Reference] = []
        self._seen: set = set()
        self._held: set = set()
        self._read_whole: set = set()  # the holders whose every value is read (envFrom)
        self.spec_path = source.spec_path
        spec = source.obj.get(*self.spec_path)
        self.spec = spec if isinstance(spec, dict) else {}
        self.aliased = _aliased_names(self.spec.get("hostAliases"))

    def run(self) -> list[Reference]:
        if self.source.template_path is None:
            return []  # a custom resource whose containers kdlint cannot see
        for field_name in CONTAINER_FIELDS:
            containers = self.spec.get(field_name)
            for index, container in enumerate(containers if isinstance(containers, list) else []):
                if isinstance(container, dict):
                    self._container(container, self.spec_path + (field_name, index))
        self._volumes()
        return self.references

    # -- containers ----------------------------------------------------------------------
    def _container(self, container: dict, path: tuple) -> None:
        label = f"container {container.get('name') or path[-1]}"
        values: dict[str, str | None] = {}  # what $(VAR) expands to
        texts: dict[str, Text | Site] = {}  # where each variable's value is written
        self._env_from(container, path, label, values, texts)
        self._env(container, path, label, values, texts)
        flag = None
        for field_name, kind in (("command", COMMAND), ("args", ARGS)):
            items = container.get(field_name)
            for index, item in enumerate(items if isinstance(items, list) else []):
                if not isinstance(item, str):
                    flag = None
                    continue
                site = Site(self.source.obj, path + (field_name, index), item)
                text = _expanded(site, values, texts)
                self._scan(text, flag, kind, f"{field_name}[{index}] of {label}", service_names=flag is not None)
                flag = item if item.startswith("-") and "=" not in item and host_context(item) else None
        for probe in PROBES:
            action = container.get(probe)
            if action is not None:
                self._handler_hosts(action, path, (probe,), PROBE, probe, label)
        lifecycle = container.get("lifecycle")
        if isinstance(lifecycle, dict):
            for hook in HOOKS:
                self._handler_hosts(lifecycle.get(hook), path, ("lifecycle", hook), LIFECYCLE, f"{hook} hook", label)

    def _env_from(self, container, path, label, values, texts) -> None:
        sources = container.get("envFrom")
        for entry in sources if isinstance(sources, list) else []:
            holder = self._holder(entry, "configMapRef", "secretRef")
            prefix = entry.get("prefix") if isinstance(entry.get("prefix"), str) else ""
            if holder is not None:
                self._read_whole.add(holder)
            for key, site in self.held.sites(holder):
                values[prefix + key], texts[prefix + key] = site.value, site
                if self._first_read(site, key):
                    self._read_held(site, key, f"{holder.kind} {holder.name} key {key} (envFrom of {label})")

    def _env(self, container, path, label, values, texts) -> None:
        env = container.get("env")
        for index, entry in enumerate(env if isinstance(env, list) else []):
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
                continue
            name = entry["name"]
            value = entry.get("value")
            if isinstance(value, str):
                text = _expanded(Site(self.source.obj, path + ("env", index, "value"), value), values, texts)
                self._scan(text, name, ENV, f"env {name} of {label}")
                values[name], texts[name] = text.text, text
                continue
            if _field_path(entry) == "metadata.namespace":
                values[name] = self.namespace  # known statically; written nowhere, so no Text
                texts.pop(name, None)
                continue
            site = self._key_ref(entry)
            if site is None:
                values[name] = None  # a Secret's data, the pod's name or IP: unknown statically
                texts.pop(name, None)
                continue
            if self._first_read(site, name):
                self._read_held(site, name, f"{site.holder.kind} {site.holder.name} key {site.path[-1]} (env {name} of {label})")
            values[name], texts[name] = site.value, site

    def _key_ref(self, entry: dict) -> Site | None:
        value_from = entry.get("valueFrom")
        holder = self._holder(value_from, "configMapKeyRef", "secretKeyRef")
        key = value_from.get("configMapKeyRef", value_from.get("secretKeyRef", {})).get("key") if holder else None
        for data_key, site in self.held.sites(holder):
            if data_key == key:
                return site
        return None

    def _holder(self, entry, configmap_field: str, secret_field: str):
        """The ConfigMap or Secret of the input that `entry` (envFrom item, valueFrom) names."""
        if not isinstance(entry, dict):
            return None
        for field_name, kind in ((configmap_field, "ConfigMap"), (secret_field, "Secret")):
            ref = entry.get(field_name)
            if isinstance(ref, dict) and isinstance(ref.get("name"), str):
                return self.lookup(kind, self.namespace, ref["name"])
        return None

    def _handler_hosts(self, action, path, steps, kind, what: str, label: str) -> None:
        """The `host` of a probe's or hook's httpGet / tcpSocket handler, at path + steps."""
        if not isinstance(action, dict):
            return
        for handler in HANDLERS:
            spec = action.get(handler)
            host = spec.get("host") if isinstance(spec, dict) else None
            if isinstance(host, str) and host:
                site = Site(self.source.obj, path + steps + (handler, "host"), host)
                self._scan(site, "host", kind, f"{what} of {label}")

    # -- mounted ConfigMaps ------------------------------------------------------------------
    def _volumes(self) -> None:
        volumes = self.spec.get("volumes")
        for volume in volumes if isinstance(volumes, list) else []:
            if not isinstance(volume, dict):
                continue
            sources = [("ConfigMap", volume.get("configMap"), "name"), ("Secret", volume.get("secret"), "secretName")]
            projected = volume.get("projected")
            if isinstance(projected, dict) and isinstance(projected.get("sources"), list):
                for item in projected["sources"]:
                    if isinstance(item, dict):
                        sources += [("ConfigMap", item.get("configMap"), "name"), ("Secret", item.get("secret"), "name")]
            for kind, ref, name_field in sources:
                if isinstance(ref, dict) and isinstance(ref.get(name_field), str):
                    self._mounted(self.lookup(kind, self.namespace, ref[name_field]), ref)

    def _mounted(self, holder, ref: dict) -> None:
        if holder in self._read_whole:
            return  # each of its values was read through envFrom already (see _first_read)
        items = ref.get("items")
        files = None
        if isinstance(items, list):
            files = {i.get("key"): i.get("path") for i in items if isinstance(i, dict)}
        for key, site in self.held.sites(holder):
            if files is not None and key not in files:
                continue
            if self._first_read(site, key):
                filename = files.get(key) if files else key
                self._read_held(site, key, f"{holder.kind} {holder.name} key {key} (mounted as {filename})")

    def _first_read(self, site: Site, context: str) -> bool:
        """False for a ConfigMap / Secret value this pod reads a second time (envFrom and a
        volume): its hosts are known already."""
        key = (id(site.holder), site.path, context)
        if key in self._held:
            return False
        self._held.add(key)
        return True

    def _read_held(self, site: Site, context: str, where: str) -> None:
        """A ConfigMap / Secret value: one value, or a file read line by line."""
        if not may_hold(site.value, self.needle):
            return
        if "\n" not in site.value.rstrip("\n"):
            self._scan(site, context, CONFIG, where)
            return
        for host, offset in self.held.file_hosts(site):
            self._add(host, site, offset, None, CONFIG, where)

    # -- results -------------------------------------------------------------------------------
    def _scan(self, text: Text | Site, context, kind: str, where: str, *, service_names: bool = True) -> None:
        if not may_hold(text.text, self.needle):
            return
        for host in self.scanner.scan(text.text, context, service_names=service_names):
            site, offset, variable = text.locate(host.start, host.end)
            self._add(host, site, offset, variable, kind, where)

    def _add(self, host, site, offset, variable, kind, where) -> None:
        if self.aliased and host.host in self.aliased:
            return  # /etc/hosts answers it (hostAliases)
        if host.via in BARE and is_weak(host) and self.lookup("Service", self.namespace, host.host) is None:
            return  # `CACHE_DRIVER=redis`: a host only if the namespace has such a Service
        key = (id(site.holder), site.path, offset, kind, host.port)
        if key in self._seen:
            return
        self._seen.add(key)
        self.references.append(Reference(host, site, offset, kind, where, self.namespace, self.cluster_domain, self.source, variable))


def may_hold(text: str, needle: str | None) -> bool:
    """Whether a host found in `text` may contain `needle` (ASCII, lower case; None: any host).
    A host is a piece of the text it is found in (an expanded one, for `$(VAR)`), its name that
    piece lower case, percent-decoded: so its text holds the needle, or a percent escape."""
    return needle is None or needle in text.lower() or "%" in text


def _expanded(site: Site, values: dict, texts: dict) -> Text | Site:
    if "$(" not in site.value and "$$" not in site.value:
        return site  # scanned as written
    expanded = expand_env(site.value, values)
    return Text(expanded.text, site, expanded, dict(texts))


def _field_path(entry: dict) -> str | None:
    value_from = entry.get("valueFrom")
    ref = value_from.get("fieldRef") if isinstance(value_from, dict) else None
    return ref.get("fieldPath") if isinstance(ref, dict) else None


def _aliased_names(aliases) -> set[str]:
    """Host names that `hostAliases` writes into /etc/hosts."""
    names = set()
    for alias in aliases if isinstance(aliases, list) else []:
        hostnames = alias.get("hostnames") if isinstance(alias, dict) else None
        for name in hostnames if isinstance(hostnames, list) else []:
            names.add(str(name).lower().rstrip("."))
    return names

