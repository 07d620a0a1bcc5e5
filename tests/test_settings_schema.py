"""The settings schema: file:line errors for bad values, warnings for unknown keys, and the README's table in step."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from casecast.config import load_config
from casecast.errors import ConfigError
from casecast.settings_schema import BY_KEY, SCHEMA, value

REPO = Path(__file__).parent.parent


def write_config(tmp_path: Path, casecast_block: str) -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text("site_name: 测试\nsite_url: https://example.cn/\nextra:\n  casecast:\n" + casecast_block, encoding="utf-8")
    return path


def test_a_bad_value_is_an_error_with_its_line_and_column(tmp_path):
    path = write_config(tmp_path, "    organisation: 示例银行\n    audio:\n      bitrate: 100000\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}:7:7: error C003 extra.casecast.audio: 'bitrate' must be between 8 and 320, not 100000")


@pytest.mark.parametrize(("block", "message"), [
    ("    wechat:\n      heading_style: wavy\n", "heading_style 'wavy' is not one of bar, underline, filled"),
    ("    audio:\n      explicit: maybe\n", "must be true or false"),
    ("    site: 3\n", "extra.casecast.site must be a mapping"),
])
def test_wrong_types_and_choices_are_refused(tmp_path, block, message):
    with pytest.raises(ConfigError, match=message):
        load_config(write_config(tmp_path, block))


def test_an_unknown_key_is_a_warning_with_a_hint_not_a_crash(tmp_path):
    path = write_config(tmp_path, "    audio:\n      bitrat: 64\n    kiosk_mode: true\n")
    config = load_config(path)
    assert config.warnings[0] == f"{path}:6:7: warning C004 unknown setting extra.casecast.audio.bitrat: did you mean 'bitrate'?"
    assert "extra.casecast.kiosk_mode" in config.warnings[1]


def test_values_fall_back_to_the_declared_defaults(tmp_path):
    config = load_config(write_config(tmp_path, "    audio:\n      jobs: 3\n"))
    assert value(config.extra, "audio.jobs") == 3 and value(config.extra, "audio.bitrate") == 48
    assert value(config.extra, "site.latest") == BY_KEY["site.latest"].default


def test_the_shipped_mkdocs_yml_has_no_unknown_setting():
    assert load_config(REPO / "mkdocs.yml").warnings == ()


def documented_keys() -> set[str]:
    """Keys in the README's configuration table: `extra.casecast.a.b` / `c` rows name siblings of the first."""
    keys = set()
    for row in re.findall(r"^\| (`extra\.casecast\.[^|]*)\|", (REPO / "README.md").read_text(encoding="utf-8"), re.M):
        names = re.findall(r"`([^`]+)`", row)
        first = names[0].removeprefix("extra.casecast.")
        keys.add(first)
        parent = first.rsplit(".", 1)[0] + "." if "." in first else ""
        keys.update(parent + name for name in names[1:])
    return keys


def test_the_readme_configuration_table_documents_every_setting_and_only_those():
    documented = documented_keys()
    wildcards = {k.removesuffix("*") for k in documented if k.endswith("*")}
    missing = [s.key for s in SCHEMA if s.key not in documented and not any(s.key.startswith(w) for w in wildcards)]
    assert missing == [], f"add these settings to the README's configuration table: {missing}"
    unknown = sorted(k for k in documented if not k.endswith("*") and k not in BY_KEY)
    assert unknown == [], f"the README documents settings the schema does not declare: {unknown}"
