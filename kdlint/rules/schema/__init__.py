"""Schema rules: KD201-KD204 (schema violations, unknown fields, missing schemas, removed APIs);
:mod:`.analysis` computes what they share with KD102 (kdlint.rules.indentation), the misplaced
fields found in the same pass."""
