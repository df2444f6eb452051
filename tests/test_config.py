"""Configuration: doccheck.toml / [tool.doccheck], discovery, errors, per-path settings, file walking."""

from __future__ import annotations

import json

import jsonschema
import pytest

from checker.core.config import STARTER, ConfigError, ConfigFile, Settings, find_config
from checker.core.schemas import generated
from checker.load.discovery import discover
from checker.run.settings import settings_from_file
from tests.conftest import run

GAP = "（一）甲项工作。\n（三）乙项工作。\n"  # ST101 at 2:1


def write(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def check_json(*args: str) -> dict:
    result = run("check", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def found_codes(report: dict) -> dict[str, list[str]]:
    return {file["path"]: [f["code"] for f in file["findings"]] for file in report["files"]}


def test_doccheck_toml_is_found_from_the_checked_path_upwards(tmp_path):
    write(tmp_path / "doccheck.toml", 'ignore = ["ST101"]\n')
    document = write(tmp_path / "a" / "b" / "gap.txt", GAP)
    assert find_config(str(document)) == tmp_path / "doccheck.toml"
    assert found_codes(check_json("--select", "ST", str(document))) == {str(document): []}


def test_pyproject_tool_doccheck_table_is_used_and_a_pyproject_without_it_is_skipped(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.doccheck]\nfail-on = "never"\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    document = write(tmp_path / "sub" / "gap.txt", GAP)
    assert find_config(str(document)) == tmp_path / "pyproject.toml"
    assert run("check", "--select", "ST", str(document)).exit_code == 0


def test_config_option_overrides_discovery(tmp_path):
    write(tmp_path / "doccheck.toml", 'ignore = ["ST101"]\n')
    other = write(tmp_path / "elsewhere" / "strict.toml", 'select = ["ST"]\n')
    document = write(tmp_path / "gap.txt", GAP)
    report = check_json("--config", str(other), str(document))
    assert found_codes(report)[str(document)] == ["ST101"]


def test_unknown_key_exits_2_naming_the_key_and_the_file(tmp_path):
    config = write(tmp_path / "doccheck.toml", 'selct = ["ST"]\n')
    result = run("check", str(write(tmp_path / "gap.txt", GAP)))
    assert result.exit_code == 2
    assert "不认识的键 'selct'" in result.output and str(config) in result.output
    assert "Traceback" not in result.output


def test_wrong_type_exits_2_naming_the_key_and_the_file(tmp_path):
    config = write(tmp_path / "pyproject.toml", '[tool.doccheck]\nignore = "ST101"\n')
    result = run("check", str(write(tmp_path / "gap.txt", GAP)))
    assert result.exit_code == 2
    assert "键 'tool.doccheck.ignore'：应为列表" in result.output and str(config) in result.output


@pytest.mark.parametrize(
    "text, key",
    [
        ('fail-on = "sometimes"\n', "fail-on"),
        ('[severity]\nST101 = "fatal"\n', "severity.ST101"),
        ('[severity]\nXX999 = "info"\n', "severity.XX999"),
        ('select = ["nonsense-rule"]\n', "select"),
        ('[per-path-ignores]\n"a/**" = ["ZZ"]\n', "per-path-ignores.a/**"),
        ('file-types = ["txt"]\n', "file-types.0"),
        ('file-types = [".exe"]\n', "file-types"),
        ('[per-path-profiles]\n"a/**" = 3\n', "per-path-profiles.a/**"),
        ('exclude = ["!"]\n', "exclude"),
        ('include = [""]\n', "include"),
        ('[per-path-ignores]\n"\\\\" = ["ST"]\n', "per-path-ignores"),
    ],
)
def test_bad_values_are_refused_with_the_key(tmp_path, text, key):
    write(tmp_path / "doccheck.toml", text)
    result = run("check", str(write(tmp_path / "gap.txt", GAP)))
    assert result.exit_code == 2
    assert f"'{key}'" in result.output, result.output


def test_invalid_toml_and_a_missing_config_file_exit_2(tmp_path):
    write(tmp_path / "doccheck.toml", "select = [\n")
    result = run("check", str(write(tmp_path / "gap.txt", GAP)))
    assert result.exit_code == 2 and "不是有效的 TOML" in result.output
    result = run("check", "--config", str(tmp_path / "nope.toml"), str(tmp_path / "gap.txt"))
    assert result.exit_code == 2 and "配置文件不存在" in result.output


def test_command_line_select_replaces_and_ignore_adds_to_the_config(tmp_path):
    write(tmp_path / "doccheck.toml", 'select = ["PN"]\nignore = ["PN102"]\n')
    document = write(tmp_path / "gap.txt", GAP + "正文（未闭合。\n")
    assert found_codes(check_json(str(document)))[str(document)] == ["PN101"]
    assert found_codes(check_json("--select", "ST,PN", str(document)))[str(document)] == ["ST101", "PN101"]
    assert found_codes(check_json("--select", "ST,PN", "--ignore", "PN101", str(document)))[str(document)] == ["ST101"]


def test_severity_override_and_fail_on_from_the_config(tmp_path):
    write(tmp_path / "doccheck.toml", 'select = ["ST101"]\nfail-on = "error"\n[severity]\nst101 = "info"\n')
    document = write(tmp_path / "gap.txt", GAP)
    result = run("check", "--format", "json", str(document))
    assert result.exit_code == 0
    (finding,) = json.loads(result.stdout)["files"][0]["findings"]
    assert finding["severity"] == "info"


def test_per_path_profiles_and_ignores_apply_by_glob_relative_to_the_config(tmp_path, monkeypatch):
    write(
        tmp_path / "doccheck.toml",
        'select = ["ST101"]\n[per-path-profiles]\n"notices/**" = "notice"\n'
        '[per-path-ignores]\n"archive/" = ["ST101"]\n',
    )
    notice = write(tmp_path / "notices" / "n.txt", GAP)
    archived = write(tmp_path / "archive" / "2019" / "old.txt", GAP)
    other = write(tmp_path / "other.txt", GAP)
    monkeypatch.chdir(tmp_path / "notices")  # globs are relative to the config, not the current folder
    report = check_json(str(tmp_path))
    by_path = {file["path"]: file for file in report["files"]}
    assert by_path[str(notice)]["profile"] == "notice"
    assert by_path[str(other)]["profile"] is None
    assert [f["code"] for f in by_path[str(archived)]["findings"]] == []
    assert [f["code"] for f in by_path[str(other)]["findings"]] == ["ST101"]


def test_command_line_profile_overrides_per_path_profiles(tmp_path):
    write(tmp_path / "doccheck.toml", '[per-path-profiles]\n"*.txt" = "notice"\n')
    document = write(tmp_path / "gap.txt", GAP)
    assert check_json("--select", "ST101", "--profile", "report", str(document))["files"][0]["profile"] == "report"


def test_rule_packs_and_glossaries_are_resolved_relative_to_the_config(tmp_path):
    config = write(
        tmp_path / "cfg" / "doccheck.toml", 'rule-packs = ["packs/typos.yaml"]\nglossaries = ["names.yaml"]\n'
    )
    settings = settings_from_file(config)
    assert settings.rule_packs == [str(tmp_path / "cfg" / "packs" / "typos.yaml")]
    assert settings.glossaries == [str(tmp_path / "cfg" / "names.yaml")]


def test_settings_keep_their_field_names_and_aliases():
    assert Settings(fail_on="error").fail_on == Settings(**{"fail-on": "error"}).fail_on == "error"
    assert Settings(rule_packs=["a"]).rule_packs == Settings(**{"rule-packs": ["a"]}).rule_packs == ["a"]


@pytest.mark.parametrize(
    "config",
    [
        {"select": ["ST"], "fail-on": "error", "per-path-profiles": {"a/**": "notice"}, "file-types": [".md"]},
        {"selct": ["ST"]},
        {"ignore": "ST101"},
        {"fail-on": "sometimes"},
        {"severity": {"ST101": "fatal"}},
        {"file-types": ["md"]},
        {"fail_on": "error"},  # the file takes the kebab-case keys only
    ],
)
def test_schema_and_model_agree_on_what_a_config_file_may_say(config):
    schema_ok = jsonschema.Draft202012Validator(generated("config.schema.json")).is_valid(config)
    try:
        ConfigFile.model_validate(config)
        model_ok = True
    except ValueError:
        model_ok = False
    assert schema_ok == model_ok


def test_init_writes_a_commented_config_that_loads_and_refuses_to_overwrite(tmp_path):
    result = run("init", str(tmp_path))
    assert result.exit_code == 0
    written = (tmp_path / "doccheck.toml").read_text(encoding="utf-8")
    assert written == STARTER and written.count("#") > 10
    settings = settings_from_file(tmp_path / "doccheck.toml")
    assert settings.select == ["ALL"] and settings.fail_on == "warning"
    again = run("init", str(tmp_path))
    assert again.exit_code == 2 and "已存在（用 --force 覆盖）" in again.output
    assert run("init", "--force", str(tmp_path)).exit_code == 0


def test_directory_walk_honours_file_types_include_and_exclude(tmp_path):
    write(tmp_path / "doccheck.toml", 'file-types = [".md"]\ninclude = ["docs/"]\nexclude = ["drafts/", "*.tmp.md"]\n')
    keep = write(tmp_path / "docs" / "a.md", GAP)
    write(tmp_path / "docs" / "b.txt", GAP)
    write(tmp_path / "docs" / "c.tmp.md", GAP)
    write(tmp_path / "docs" / "drafts" / "d.md", GAP)
    write(tmp_path / "notes.md", GAP)
    settings = settings_from_file(tmp_path / "doccheck.toml")
    assert discover([str(tmp_path)], settings) == [str(keep)]


def test_an_excluded_file_named_explicitly_is_skipped_too(tmp_path):
    write(tmp_path / "doccheck.toml", 'exclude = ["vendor/"]\n')
    vendored = write(tmp_path / "vendor" / "x.txt", GAP)
    mine = write(tmp_path / "mine.txt", GAP)
    assert discover([str(vendored), str(mine)], settings_from_file(tmp_path / "doccheck.toml")) == [str(mine)]


def test_gitignore_is_respected_inside_a_git_repository_only(tmp_path):
    repository = tmp_path / "repo"
    (repository / ".git" / "info").mkdir(parents=True)
    write(repository / ".gitignore", "build/\n*.bak.txt\n!keep.bak.txt\n")
    write(repository / ".git" / "info" / "exclude", "local.txt\n")
    write(repository / "docs" / ".gitignore", "private/\n")
    kept = [
        write(repository / "a.txt", GAP),
        write(repository / "docs" / "b.txt", GAP),
        write(repository / "keep.bak.txt", GAP),
    ]
    for ignored in ("build/c.txt", "d.bak.txt", "local.txt", "docs/private/e.txt"):
        write(repository / ignored, GAP)
    assert sorted(discover([str(repository)])) == sorted(str(path) for path in kept)
    outside = tmp_path / "plain"
    write(outside / ".gitignore", "*.txt\n")
    document = write(outside / "f.txt", GAP)
    assert discover([str(outside)]) == [str(document)]


def test_walking_a_subfolder_of_a_repository_uses_the_gitignore_above_it(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", "generated/\n")
    write(tmp_path / "docs" / "generated" / "x.txt", GAP)
    kept = write(tmp_path / "docs" / "y.txt", GAP)
    assert discover([str(tmp_path / "docs")]) == [str(kept)]


def test_init_writes_the_config_with_the_usual_permissions(tmp_path):
    import os
    import stat

    assert run("init", str(tmp_path)).exit_code == 0
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(os.stat(tmp_path / "doccheck.toml").st_mode) == 0o666 & ~mask


def test_a_gitignore_line_git_would_not_understand_is_skipped(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", "!\n\\\\\nbuild/\n")
    write(tmp_path / "build" / "x.txt", GAP)
    kept = write(tmp_path / "y.txt", GAP)
    assert discover([str(tmp_path)]) == [str(kept)]


# -- hostile or careless configuration: exit 2, a Chinese message naming file and key -------
@pytest.mark.parametrize("value, kind", [('"doccheck"', "字符串"), ("5", "数字"), ('["doccheck"]', "数组")])
def test_a_pyproject_whose_tool_is_not_a_table_is_refused(tmp_path, value, kind):
    pyproject = write(tmp_path / "pyproject.toml", f"tool = {value}\n")
    result = run("check", str(write(tmp_path / "gap.txt", GAP)))
    assert result.exit_code == 2
    assert f"{pyproject}: 键 'tool' 应为表（[tool]），而不是{kind}" in result.stderr


def test_a_pyproject_named_with_config_whose_tool_is_a_string_is_refused(tmp_path):
    pyproject = write(tmp_path / "pyproject.toml", 'tool = "doccheck"\n')
    result = run("check", "--config", str(pyproject), str(write(tmp_path / "gap.txt", GAP)))
    assert result.exit_code == 2 and "键 'tool' 应为表（[tool]），而不是字符串" in result.stderr


def test_a_toml_array_nested_five_thousand_deep_is_refused(tmp_path):
    config = write(tmp_path / "doccheck.toml", "select = " + "[" * 5000 + "]" * 5000 + "\n")
    result = run("check", str(write(tmp_path / "gap.txt", GAP)))
    assert result.exit_code == 2
    assert f"{config}: 不是可用的 TOML：数组或表嵌套过深" in result.stderr


def test_a_device_given_as_the_config_is_refused_unread(tmp_path):
    result = run("check", "--config", "/dev/zero", str(write(tmp_path / "gap.txt", GAP)))
    assert result.exit_code == 2
    assert "/dev/zero: 不是普通文件（设备或套接字），不能作为配置读取" in result.stderr


def test_a_config_larger_than_the_limit_is_refused_unread(tmp_path):
    config = tmp_path / "doccheck.toml"
    config.write_bytes(b"# " + b"x" * (4 << 20) + b"\n")
    result = run("check", "--config", str(config), str(write(tmp_path / "gap.txt", GAP)))
    assert result.exit_code == 2
    assert f"{config}: 配置文件有 4 MB，超过 4 MB 的上限，不予读取" in result.stderr


def test_a_folder_given_as_the_config_is_refused(tmp_path):
    with pytest.raises(ConfigError, match=f"{tmp_path}: 是文件夹，不是配置文件"):
        settings_from_file(tmp_path)


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1", "1025", "1e400", "abc"])
def test_a_max_file_size_that_is_no_finite_size_is_refused(tmp_path, value):
    result = run("check", "--max-file-size", value, str(write(tmp_path / "gap.txt", GAP)))
    assert result.exit_code == 2
    assert f"--max-file-size {value}：应为 0 到 1024 之间的有限数（单位 MB，0 表示不限）" in result.stderr


def test_a_tiny_max_file_size_is_one_byte_not_no_limit(tmp_path):
    document = write(tmp_path / "gap.txt", GAP)
    report = json.loads(run("check", "--format", "json", "--max-file-size", "0.0000001", str(document)).stdout)
    assert "文件过大" in report["files"][0]["error"]


def test_a_max_file_size_of_zero_means_no_limit(tmp_path):
    document = write(tmp_path / "gap.txt", GAP)
    assert found_codes(check_json("--select", "ST101", "--max-file-size", "0", str(document))) == {
        str(document): ["ST101"]
    }


def test_settings_refuse_a_negative_size_limit():
    with pytest.raises(ValueError, match="max_file_size\n  Input should be greater than or equal to 0"):
        Settings(max_file_size=-1)


# -- globs: pathspec on RE2, with caps -----------------------------------------------------
def test_a_glob_of_many_stars_against_a_long_name_is_matched_at_once(tmp_path):
    import time

    glob = "*a" * 14 + "*b"
    write(tmp_path / "doccheck.toml", f'exclude = ["{glob}"]\n[per-path-profiles]\n"{glob}" = "notice"\n')
    document = write(tmp_path / ("a" * 116 + ".txt"), GAP)
    settings = settings_from_file(tmp_path / "doccheck.toml")
    started = time.perf_counter()
    assert discover([str(tmp_path)], settings) == [str(document)]
    assert settings.for_path(str(document)).profile is None
    assert time.perf_counter() - started < 1.0


def test_a_glob_that_matches_a_long_name_still_matches(tmp_path):
    write(tmp_path / "doccheck.toml", 'exclude = ["' + "*a" * 14 + '*.txt"]\n')
    write(tmp_path / ("a" * 116 + ".txt"), GAP)
    assert discover([str(tmp_path)], settings_from_file(tmp_path / "doccheck.toml")) == []


@pytest.mark.parametrize(
    "glob, reason",
    [
        ("a" * 513, "glob 超过 512 个字符"),
        ("*a" * 33, "glob 中的 * 超过 32 个"),
    ],
)
def test_a_glob_over_the_caps_is_refused_naming_the_key(tmp_path, glob, reason):
    config = write(tmp_path / "doccheck.toml", f'exclude = ["{glob}"]\n')
    result = run("check", str(write(tmp_path / "gap.txt", GAP)))
    assert result.exit_code == 2
    assert f"{config}: 键 'exclude'：" in result.stderr and reason in result.stderr


LOOSE_SLIP = "关于完善制度体系的通知\n\n完善制度体系。进一步完善制度提系。\n"  # 提系: the loose tier


def test_the_spelling_setting_is_validated_with_a_message_naming_the_key(tmp_path):
    config = write(tmp_path / "doccheck.toml", 'spelling = "loose"\n')
    result = run("check", str(write(tmp_path / "a.txt", LOOSE_SLIP)))
    assert result.exit_code == 2
    assert f"{config}: 键 'spelling'：应为 'precise'、'thorough' 之一，而不是 “loose”" in result.output


def test_spelling_thorough_in_the_config_reaches_the_spelling_rules(tmp_path):
    document = write(tmp_path / "a.txt", LOOSE_SLIP)
    assert found_codes(check_json("--select", "TY2", str(document))) == {str(document): []}
    write(tmp_path / "doccheck.toml", 'spelling = "thorough"\n')
    assert found_codes(check_json("--select", "TY2", str(document))) == {str(document): ["TY201"]}


def test_the_spelling_option_overrides_the_config(tmp_path):
    write(tmp_path / "doccheck.toml", 'spelling = "thorough"\n')
    document = write(tmp_path / "a.txt", LOOSE_SLIP)
    assert found_codes(check_json("--select", "TY2", "--spelling", "precise", str(document))) == {str(document): []}
    (tmp_path / "doccheck.toml").unlink()
    report = check_json("--select", "TY2", "--spelling", "thorough", str(document))
    (finding,) = report["files"][0]["findings"]
    assert (finding["code"], finding["severity"], finding["excerpt"]) == ("TY201", "info", "提系")
    refused = run("check", "--spelling", "loose", str(document))
    assert refused.exit_code == 2 and "--spelling" in refused.output
