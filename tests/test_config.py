"""Configuration: lookup, validation, selection by code, prefix and name, severity overrides."""


import pytest

from kdlint import rules as registry
from kdlint.config import ConfigError, find_config_file, from_mapping, load_config
from kdlint.findings import Severity
from kdlint.selection import Selection


def meta(code):
    return registry.get(code).META


def test_longest_prefix_wins_and_names_work():
    selection = Selection(select=("KD",), ignore=("KD1",))
    assert not selection.chosen(meta("KD102")) and selection.chosen(meta("KD001"))
    selection = Selection(select=("KD", "KD102"), ignore=("KD1",))
    assert selection.chosen(meta("KD102"))
    selection = Selection(select=("KD",), ignore=("duplicate-key",))
    assert not selection.enabled(meta("KD002")) and selection.enabled(meta("KD003"))
    assert not Selection(select=("KD1",)).chosen(meta("KD001"))


def test_unreadable_input_rules_run_whatever_the_selection():
    for code in ("KD001", "KD004", "KD101"):
        assert Selection(select=("KD3",), ignore=(code,)).enabled(meta(code))
    assert not Selection(select=("KD3",)).enabled(meta("KD002"))


def test_severity_override_by_name():
    config = from_mapping({"severity": {"not-a-manifest": "error"}})
    assert config.selection.severity == {"KD003": Severity.ERROR}


def test_unknown_rule_in_config_is_an_error():
    with pytest.raises(ConfigError, match="unknown rule `KD777`"):
        from_mapping({"ignore": ["KD777"]}, "x.yaml")


def test_settings_from_file(tmp_path):
    path = tmp_path / ".kdlint.yaml"
    path.write_text("default-namespace: dev\ncluster-domain: corp.example.\nscope: dir\nexclude: ['vendor/*']\n")
    config = load_config(path)
    assert config.settings.default_namespace == "dev"
    assert config.settings.cluster_domain == "corp.example"
    assert config.settings.scope == "dir" and config.exclude == ("vendor/*",)


@pytest.mark.parametrize(
    "text,message",
    [
        ("scope: cluster\n", "invalid config at `scope`"),
        ("unknown-key: 1\n", "Additional properties are not allowed"),
        ("- a\n", "must be a mapping"),
        ("default-namespace: Dev\n", "invalid config at `default-namespace`"),
    ],
)
def test_invalid_config(tmp_path, text, message):
    path = tmp_path / ".kdlint.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_config(path)


def test_lookup_stops_at_the_repository_root(tmp_path):
    (tmp_path / ".kdlint.yaml").write_text("{}\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "deep" / "er").mkdir(parents=True)
    assert find_config_file(repo / "deep" / "er") is None
    (repo / ".kdlint.yml").write_text("{}\n")
    assert find_config_file(repo / "deep" / "er") == repo / ".kdlint.yml"


@pytest.mark.parametrize(
    "name,text",
    [(".kdlint.yaml", "rules:\n  KD305: {strict: true}\n"), ("pyproject.toml", "[tool.kdlint.rules.KD305]\nstrict = true\n")],
)
def test_per_rule_options_are_refused_with_what_to_use_instead(tmp_path, name, text):
    # no rule takes options: an old config that sets them must not pass silently
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert str(error.value) == (
        f"{path}: `rules` (per-rule options) is not a setting: no kdlint rule takes options. "
        "Remove it; `severity` changes a rule's level and `select`/`ignore` turn rules on or off"
    )
