"""Schema rules: KD102 (misplaced field), KD201-KD204 (schema violations, unknown fields,
missing schemas, removed APIs); :mod:`.analysis` computes what they share."""
