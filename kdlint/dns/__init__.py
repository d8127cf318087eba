"""Pure DNS layer: Kubernetes name validators, the pod resolver model, host-reference
extraction and in-cluster reference parsing. No I/O and no dependency on the rest of
kdlint.

* :mod:`kdlint.dns.names` -- validators (docs/dns.md, Names Kubernetes accepts), public TLDs, cluster-domain helpers.
* :mod:`kdlint.dns.resolver` -- a name resolved from a pod, step by step, for glibc and musl, from
  :mod:`~kdlint.dns.resolv_conf` (resolv.conf per dnsPolicy), :mod:`~kdlint.dns.candidates`
  (glibc/musl search order) and :mod:`~kdlint.dns.coredns` (what CoreDNS reads into a name).
* :mod:`kdlint.dns.hosts` -- host references inside string values (:mod:`~kdlint.dns.host_ref`:
  the reference and its status; :mod:`~kdlint.dns.host_formats`: URL, JDBC, DSN, host-list and
  shell-text parsers).
* :mod:`kdlint.dns.expansion` -- ``$(VAR)`` expansion with its map back to the source.
* :mod:`kdlint.dns.refs` -- a host read as an in-cluster reference (``s``, ``s.ns``, ...).
"""

DEFAULT_CLUSTER_DOMAIN = "cluster.local"  # the kubelet's and CoreDNS's usual cluster domain

