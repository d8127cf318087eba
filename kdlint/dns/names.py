"""Kubernetes / DNS name validators (docs/dns.md, Names Kubernetes accepts) and cluster-domain helpers.

Every validator returns a list of problems in plain words; an empty list means the value
is valid. The regexes are the apimachinery ones; they are applied with ``re.fullmatch``
(Go's ``^...$`` does not accept a trailing newline, Python's ``$`` would).
"""

from __future__ import annotations

import re

from kdlint.dns._tlds import PUBLIC_TLDS

DNS1123_LABEL_MAX = 63
DNS1123_SUBDOMAIN_MAX = 253
DNS1035_LABEL_MAX = 63
PORT_NAME_MAX = 15
LABEL_NAME_MAX = 63
LABEL_VALUE_MAX = 63

_DNS1123_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?")
_DNS1123_SUBDOMAIN = re.compile(
    r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"
)
_DNS1035_LABEL = re.compile(r"[a-z]([-a-z0-9]*[a-z0-9])?")
_QUALIFIED_NAME = re.compile(r"([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]")
_LABEL_VALUE = re.compile(r"(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?")
_PORT_NAME_CHARS = re.compile(r"[-a-z0-9]+")


def _length(value: str, limit: int) -> list[str]:
    if len(value) > limit:
        return [f"is {len(value)} characters; the limit is {limit}"]
    return []


def _show(chars: set[str]) -> str:
    return ", ".join(repr(c) for c in sorted(chars))


def _charset_problems(value: str, allowed: str, *, upper_ok: bool = False) -> list[str]:
    """Explain characters outside ``allowed`` (a regex character-class body)."""
    problems = []
    bad = {c for c in value if not re.fullmatch(f"[{allowed}]", c)}
    upper = {c for c in bad if c.isascii() and c.isupper()} if not upper_ok else set()
    if upper:
        problems.append(f"contains upper-case letters ({_show(upper)}), which are not allowed")
    if "_" in bad:
        problems.append("contains '_', which is not allowed")
    rest = bad - upper - {"_"}
    if rest:
        problems.append(f"contains characters that are not allowed: {_show(rest)}")
    return problems


def _edge_problems(value: str, first: str, first_words: str, last: str = "a-z0-9") -> list[str]:
    # An upper-case letter at either end is already reported as upper case.
    problems = []
    if value and not re.fullmatch(f"[{first}]", value[0].lower()):
        problems.append(f"must start with {first_words}")
    if value and not re.fullmatch(f"[{last}]", value[-1].lower()):
        problems.append("must end with a lower-case letter or digit")
    return problems


def _mask_generate_name(value: str, generate_name: bool) -> str:
    # metadata.generateName gets a random suffix appended, so a trailing '-' is fine there.
    if generate_name and value.endswith("-"):
        return value[:-1] + "a"
    return value


def dns1123_label(value: str, *, generate_name: bool = False) -> list[str]:
    """DNS-1123 label: namespaces, pod hostname/subdomain, Service port names."""
    if value == "":
        return ["must not be empty"]
    checked = _mask_generate_name(value, generate_name)
    if len(value) <= DNS1123_LABEL_MAX and _DNS1123_LABEL.fullmatch(checked):
        return []  # the common case, without explaining anything
    problems = _length(value, DNS1123_LABEL_MAX)
    if "." in checked:
        problems.append("must not contain dots")
    problems += _charset_problems(checked.replace(".", ""), "-a-z0-9")
    problems += _edge_problems(checked, "a-z0-9", "a lower-case letter or digit")
    if not problems and not _DNS1123_LABEL.fullmatch(checked):
        problems.append("is not a valid DNS label")
    return problems


def dns1035_label(value: str, *, generate_name: bool = False) -> list[str]:
    """DNS-1035 label: Service names (must start with a letter)."""
    if value == "":
        return ["must not be empty"]
    checked = _mask_generate_name(value, generate_name)
    if len(value) <= DNS1035_LABEL_MAX and _DNS1035_LABEL.fullmatch(checked):
        return []
    problems = _length(value, DNS1035_LABEL_MAX)
    if "." in checked:
        problems.append("must not contain dots")
    problems += _charset_problems(checked.replace(".", ""), "-a-z0-9")
    problems += _edge_problems(checked, "a-z", "a lower-case letter")
    if not problems and not _DNS1035_LABEL.fullmatch(checked):
        problems.append("is not a valid DNS-1035 label")
    return problems


def dns1123_subdomain(value: str, *, generate_name: bool = False) -> list[str]:
    """DNS-1123 subdomain: most object names. Only the total length (253) is limited."""
    if value == "":
        return ["must not be empty"]
    checked = _mask_generate_name(value, generate_name)
    if len(value) <= DNS1123_SUBDOMAIN_MAX and _DNS1123_SUBDOMAIN.fullmatch(checked):
        return []
    problems = _length(value, DNS1123_SUBDOMAIN_MAX)
    problems += _charset_problems(checked.replace(".", ""), "-a-z0-9")
    problems += _edge_problems(checked, "a-z0-9", "a lower-case letter or digit")
    if ".." in checked:
        problems.append("must not contain an empty part ('..')")
    elif re.search(r"-\.|\.-", checked):
        problems.append("each dot-separated part must start and end with a letter or digit")
    if not problems and not _DNS1123_SUBDOMAIN.fullmatch(checked):
        problems.append("is not a valid DNS subdomain")
    return problems


def fqdn(value: str) -> list[str]:
    """IsFullyQualifiedDomainName: subdomain with >= 2 labels, each label <= 63."""
    name = value[:-1] if value.endswith(".") else value
    if name == "":
        return ["must not be empty"]
    problems = dns1123_subdomain(name)
    labels = name.split(".")
    if len(labels) < 2:
        problems.append("must have at least two dot-separated parts (for example 'example.com')")
    for label in labels:
        if len(label) > DNS1123_LABEL_MAX:
            problems.append(f"part {label[:20]!r}... is {len(label)} characters; "
                            f"the limit is {DNS1123_LABEL_MAX}")
    return problems


def port_name(value: str) -> list[str]:
    """IANA_SVC_NAME: container port names and string targetPorts."""
    if value == "":
        return ["must not be empty"]
    problems = _length(value, PORT_NAME_MAX)
    if not _PORT_NAME_CHARS.fullmatch(value):
        problems += _charset_problems(value, "-a-z0-9")
    if not re.search(r"[a-z]", value.lower()):  # upper case is reported above
        problems.append("must contain at least one letter")
    if "--" in value:
        problems.append("must not contain two hyphens in a row ('--')")
    if value.startswith("-") or value.endswith("-"):
        problems.append("must not start or end with '-'")
    return problems


def _qualified_name_part(name: str) -> list[str]:
    if name == "":
        return ["the name part must not be empty"]
    problems = [f"the name part {p}" for p in _length(name, LABEL_NAME_MAX)]
    bad = _charset_problems(name, "-A-Za-z0-9_.", upper_ok=True)
    problems += [f"the name part {p}" for p in bad]
    if not re.fullmatch("[A-Za-z0-9]", name[0]):
        problems.append("the name part must start with a letter or digit")
    if not re.fullmatch("[A-Za-z0-9]", name[-1]):
        problems.append("the name part must end with a letter or digit")
    if not problems and not _QUALIFIED_NAME.fullmatch(name):
        problems.append("the name part is not valid")
    return problems


def label_key(value: str) -> list[str]:
    """Kubernetes label / annotation key: optional 'prefix/' (DNS subdomain) + name."""
    if value == "":
        return ["must not be empty"]
    parts = value.split("/")
    if len(parts) > 2:
        return ["must contain at most one '/' (an optional prefix, then the name)"]
    problems = []
    if len(parts) == 2:
        prefix, name = parts
        if prefix == "":
            problems.append("the prefix before '/' must not be empty")
        else:
            problems += [f"the prefix {p}" for p in dns1123_subdomain(prefix)]
    else:
        name = parts[0]
    return problems + _qualified_name_part(name)


def label_value(value: str) -> list[str]:
    """Kubernetes label value; the empty string is valid."""
    if value == "" or (len(value) <= LABEL_VALUE_MAX and _LABEL_VALUE.fullmatch(value)):
        return []
    problems = _length(value, LABEL_VALUE_MAX)
    problems += _charset_problems(value, "-A-Za-z0-9_.", upper_ok=True)
    if not re.fullmatch("[A-Za-z0-9]", value[0]):
        problems.append("must start with a letter or digit")
    if not re.fullmatch("[A-Za-z0-9]", value[-1]):
        problems.append("must end with a letter or digit")
    if not problems and not _LABEL_VALUE.fullmatch(value):
        problems.append("is not a valid label value")
    return problems


def port_number(value: int) -> list[str]:
    if isinstance(value, bool) or not isinstance(value, int):
        return ["must be a whole number"]
    if not 1 <= value <= 65535:
        return [f"is {value}; a port must be between 1 and 65535"]
    return []


# ---- public TLDs -------------------------------------------------------------------


def is_public_tld(label: str) -> bool:
    """Whether ``label`` (one DNS label, any case, unicode or xn--) is a root-zone TLD."""
    label = label.strip(".").lower()
    if not label or "." in label:
        return False
    if not label.isascii():
        try:
            label = label.encode("idna").decode("ascii")
        except UnicodeError:
            return False
    return label in PUBLIC_TLDS


def public_tld(name: str) -> str | None:
    """The last label of ``name`` if it is a public TLD (``api.example.com`` -> ``com``)."""
    stripped = name.rstrip(".")
    if not stripped:
        return None
    last = stripped.rsplit(".", 1)[-1].lower()
    return last if is_public_tld(last) else None


# ---- cluster domain ---------------------------------------------------------------


def normalize_domain(domain: str) -> str:
    """Lower-case and drop leading/trailing dots: ``Cluster.Local.`` -> ``cluster.local``."""
    return domain.strip().strip(".").lower()


def cluster_domain_problems(domain: str) -> list[str]:
    """Problems with a configured cluster domain (it must be a DNS subdomain)."""
    normalized = normalize_domain(domain)
    if normalized == "":
        return ["the cluster domain must not be empty"]
    problems = dns1123_subdomain(normalized)
    for label in normalized.split("."):
        if len(label) > DNS1123_LABEL_MAX:
            problems.append(f"part {label[:20]!r}... is longer than {DNS1123_LABEL_MAX} characters")
    if {"svc", "pod"} & set(normalized.split(".")):
        problems.append("contains a 'svc' or 'pod' part, which makes in-cluster names ambiguous")
    return problems


def is_in_domain(name: str, domain: str) -> bool:
    """Whether ``name`` equals ``domain`` or lies under it (case-insensitive, dots ignored)."""
    name = name.rstrip(".").lower()
    domain = normalize_domain(domain)
    return name == domain or name.endswith("." + domain)


def labels_before_domain(name: str, domain: str) -> list[str] | None:
    """The labels of ``name`` in front of ``domain``, or None when it is not under it.

    ``labels_before_domain("a.b.svc.cluster.local", "cluster.local") == ["a", "b", "svc"]``
    """
    name = name.rstrip(".").lower()
    domain = normalize_domain(domain)
    if name == domain:
        return []
    if not name.endswith("." + domain):
        return None
    return name[: -len(domain) - 1].split(".")
