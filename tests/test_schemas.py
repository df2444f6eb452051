"""The JSON Schemas in schemas/ are generated from the models that read the files
(checker/core/schemas.py): one definition, which the committed files must match."""

import json

import jsonschema
import pytest
import yaml

from checker.core import schemas
from checker.core.resources import rules_path
from tests.conftest import ROOT


@pytest.mark.parametrize("name", schemas.names())
def test_the_committed_schema_is_the_one_generated_from_its_model(name):
    committed = json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
    assert committed == schemas.generated(name), "regenerate with: python -m checker.core.schemas"


def test_the_check_command_reports_a_schema_that_differs(tmp_path, capsys):
    for name in schemas.names():
        (tmp_path / name).write_text(schemas.text(name), encoding="utf-8")
    assert schemas.main(["--check", "--folder", str(tmp_path)]) == 0
    (tmp_path / "profile.schema.json").write_text("{}", encoding="utf-8")
    assert schemas.main(["--check", "--folder", str(tmp_path)]) == 1
    assert "profile.schema.json differs from its model" in capsys.readouterr().err


@pytest.mark.parametrize(
    "schema, data_file",
    [
        ("rulepack.schema.json", "typos.yaml"),
        ("numeric.schema.json", "numeric.yaml"),
        ("number_usage.schema.json", "number_usage.yaml"),
        *[
            ("profile.schema.json", f"profiles/{path.name}")
            for path in sorted((ROOT / "rules" / "profiles").glob("*.yaml"))
        ],
    ],
)
def test_every_shipped_data_file_validates_against_its_generated_schema(schema, data_file):
    data = yaml.safe_load(rules_path(data_file).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schemas.generated(schema)).validate(data)


@pytest.mark.parametrize(
    "pack, valid",
    [
        (
            {
                "version": 1,
                "rules": [{"type": "substitution", "id": "a", "kind": "misspelling", "swap": {"布署": "部署"}}],
            },
            True,
        ),
        (
            {"version": 1, "rules": [{"type": "substitution", "id": "a", "kind": "typo", "swap": {"布署": "部署"}}]},
            False,
        ),
        (
            {
                "version": 1,
                "rules": [{"type": "substitution", "id": "a", "kind": "misspelling", "swap": {"布 署": "部署"}}],
            },
            False,
        ),
        (
            {"version": 1, "rules": [{"type": "existence", "id": "a", "tokens": ["内部", "内部"], "message": "x"}]},
            False,
        ),
        (
            {
                "version": 1,
                "rules": [
                    {
                        "type": "consistency",
                        "id": "a",
                        "either": ["其他", "其它"],
                        "not_followed_by": ["<date>", "说明"],
                    }
                ],
            },
            True,
        ),
        (
            {
                "version": 1,
                "rules": [{"type": "consistency", "id": "a", "either": ["其他", "其它"], "followed_by": ["<date>"]}],
            },
            False,
        ),
        ({"version": 2, "rules": [{"type": "existence", "id": "a", "tokens": ["内部"], "message": "x"}]}, False),
    ],
)
def test_the_schema_and_the_model_agree_on_what_a_rule_pack_may_say(pack, valid):
    from pydantic import ValidationError

    from checker.core.packdata import RulePackFile

    schema_ok = jsonschema.Draft202012Validator(schemas.generated("rulepack.schema.json")).is_valid(pack)
    try:
        RulePackFile.model_validate(pack)
        model_ok = True
    except ValidationError:
        model_ok = False
    assert schema_ok == model_ok == valid
