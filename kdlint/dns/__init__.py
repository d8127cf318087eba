"""Pure DNS layer: Kubernetes name validators, the pod resolver model, host-reference
extraction and in-cluster reference parsing. No I/O and no dependency on the rest of
kdlint.

* :mod:`kdlint.dns.names` -- validators (§1.1), public TLDs, cluster-domain helpers.
* :mod:`kdlint.dns.resolver` -- resolv.conf, glibc/musl search order, CoreDNS reading.
* :mod:`kdlint.dns.hosts` -- host references inside string values (:mod:`~kdlint.dns.host_ref`:
  the reference and its status; :mod:`~kdlint.dns.host_formats`: URL, JDBC, DSN, host-list and
  shell-text parsers).
* :mod:`kdlint.dns.expansion` -- ``$(VAR)`` expansion with its map back to the source.
* :mod:`kdlint.dns.refs` -- a host read as an in-cluster reference (``s``, ``s.ns``, ...).
"""
