"""KD1xx: indentation. KD101 (a mis-indented block that breaks the YAML) and KD102 (a field
indented into the wrong mapping, where it still parses)."""
