"""Reading manifests: discovery, YAML with positions, documents."""

import os


def c_parser_installed() -> bool:
    """Whether ruamel.yaml's C extension is there (parsing without it is 15-30x slower), found
    without importing the YAML machinery: a run the cache answers never loads it."""
    from importlib.util import find_spec

    return find_spec("_ruamel_yaml") is not None


def usable_cores() -> int:
    """The cores this process may run on: the default number of jobs."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1
