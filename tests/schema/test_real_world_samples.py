"""Objects as people write them (fixtures/schema/real-world/) are valid in old and new versions."""

from __future__ import annotations

import pytest

from kdlint.schema.store import SchemaStore
from schema_cases import NEWEST, REAL_WORLD, load_sample, errors



@pytest.mark.parametrize("sample_path", REAL_WORLD, ids=lambda p: p.stem)
@pytest.mark.parametrize("version", ["1.25", "1.30", NEWEST])
def test_real_world_objects_are_valid(sample_path, version):
    body = load_sample(sample_path)
    store = SchemaStore(version)
    if store.schema_for(body["apiVersion"], body["kind"]) is None:
        assert body["kind"] == "List"  # v1 List is not in the OpenAPI spec
        return
    assert errors(body, version) == []
