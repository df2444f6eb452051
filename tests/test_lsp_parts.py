"""The language server's parts that need no client: positions, edits, the accept list, settings."""

from __future__ import annotations

import pytest

pytest.importorskip("pygls")

from lsprotocol import types

from checker.lsp import accept
from checker.lsp.actions import suppression_edit, text_edits
from checker.lsp.positions import UTF8, UTF32, LineIndex
from checker.lsp.settings import EditorSettings
from tests.lsp_client import apply_edits


def at(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


# -- positions ------------------------------------------------------------------------------
def test_a_character_outside_the_basic_plane_is_two_utf16_columns():
    index = LineIndex("甲😀乙\n")
    assert index.position(0, 2) == at(0, 3)  # 乙: after 甲 (1) and 😀 (2)
    assert index.offset(at(0, 3)) == 2


def test_a_column_inside_a_surrogate_pair_is_taken_to_the_character_it_splits():
    assert LineIndex("😀乙").offset(at(0, 1)) == 0


def test_lines_end_at_lf_crlf_and_cr_only():
    index = LineIndex("一\r\n二\r三\f四\u2028五\n六")
    assert [index.line(number) for number in range(index.line_count)] == ["一", "二", "三\f四\u2028五", "六"]
    assert index.position_at(len("一\r\n二\r三\f四\u2028五\n")) == at(3, 0)


def test_other_negotiated_encodings_count_their_own_units():
    assert LineIndex("甲😀乙", UTF8).position(0, 2) == at(0, 7)
    assert LineIndex("甲😀乙", UTF32).position(0, 2) == at(0, 2)


def test_a_position_past_the_end_is_clamped_to_the_text():
    index = LineIndex("甲乙\n")
    assert index.position(0, 9) == at(0, 2)
    assert index.position(7, 0) == at(1, 0)
    assert index.offset(at(0, 9)) == 2


# -- edits ----------------------------------------------------------------------------------
def test_edits_replace_only_what_changed_on_each_changed_line():
    old = "第一行布署。\n不变。\n第三行布署。\n"
    new = old.replace("布署", "部署")
    edits = text_edits(old, new, LineIndex(old))
    assert [(e.range.start.line, e.range.start.character, e.range.end.character, e.new_text) for e in edits] == [
        (0, 3, 4, "部"),
        (2, 3, 4, "部"),
    ]
    assert apply_edits(old, edits) == new


def test_edits_never_split_a_crlf():
    old, new = "甲\r\n乙\r\n", "甲\r\n\r\n乙\r\n"
    assert apply_edits(old, text_edits(old, new, LineIndex(old))) == new


def test_the_suppression_comment_goes_on_its_own_line_inside_the_same_quote():
    text = "> 引文一\n> 认真布署。\n"
    edit = suppression_edit(LineIndex(text), 1, "TY101")
    assert apply_edits(text, [edit]) == "> 引文一\n> <!-- doccheck-disable-next-line TY101 -->\n> 认真布署。\n"


def test_a_second_code_joins_the_comment_already_above_the_line():
    text = "<!-- doccheck-disable-next-line TY101 -->\r\n认真布署。\r\n"
    edit = suppression_edit(LineIndex(text), 1, "PN201")
    assert apply_edits(text, [edit]) == "<!-- doccheck-disable-next-line TY101, PN201 -->\r\n认真布署。\r\n"


# -- the accept list --------------------------------------------------------------------------
def test_accepting_without_a_configuration_writes_the_pack_and_a_configuration_naming_it(tmp_path):
    accept.apply(accept.plan("青溪科技园", None, str(tmp_path)))
    assert (tmp_path / "doccheck-accept.yaml").read_text(encoding="utf-8") == accept.PACK_HEADER + "  - 青溪科技园\n"
    assert (tmp_path / "doccheck.toml").read_text(encoding="utf-8").endswith('rule-packs = ["doccheck-accept.yaml"]\n')


def test_accepting_keeps_the_comments_and_keys_of_the_configuration_and_the_pack(tmp_path):
    config = tmp_path / "doccheck.toml"
    config.write_text('# ours\nselect = ["ALL"]  # all\n\n[severity]\nST101 = "info"\n', encoding="utf-8")
    (tmp_path / "doccheck-accept.yaml").write_text(
        "version: 1\n# names\naccept:\n    - 甲乙丙\nrules:\n"
        "  - {type: existence, id: x, tokens: [无此词], message: x}\n",
        encoding="utf-8",
    )
    accept.apply(accept.plan("青溪科技园", str(config), str(tmp_path)))
    assert config.read_text(encoding="utf-8") == (
        '# ours\nselect = ["ALL"]  # all\nrule-packs = ["doccheck-accept.yaml"]\n\n[severity]\nST101 = "info"\n'
    )
    assert (
        (tmp_path / "doccheck-accept.yaml")
        .read_text(encoding="utf-8")
        .startswith("version: 1\n# names\naccept:\n    - 甲乙丙\n    - 青溪科技园\nrules:\n")
    )


def test_accepting_in_a_pyproject_adds_to_its_doccheck_table(tmp_path):
    config = tmp_path / "pyproject.toml"
    config.write_text('[project]\nname = "x"\n\n[tool.doccheck]\nrule-packs = ["ours.yaml"]\n', encoding="utf-8")
    accept.apply(accept.plan("青溪科技园", str(config), str(tmp_path)))
    assert config.read_text(encoding="utf-8").endswith('rule-packs = ["ours.yaml", "doccheck-accept.yaml"]\n')


def test_a_word_accepted_already_changes_nothing(tmp_path):
    accept.apply(accept.plan("青溪科技园", None, str(tmp_path)))
    assert accept.plan("青溪科技园", str(tmp_path / "doccheck.toml"), str(tmp_path)) == []


def test_a_pack_written_in_a_form_the_edit_cannot_follow_is_left_alone(tmp_path):
    pack = tmp_path / "doccheck-accept.yaml"
    pack.write_text("{version: 1, accept: [甲乙丙]}\n", encoding="utf-8")
    with pytest.raises(accept.AcceptError, match="请手动加入“青溪科技园”"):
        accept.plan("青溪科技园", None, str(tmp_path))
    assert pack.read_text(encoding="utf-8") == "{version: 1, accept: [甲乙丙]}\n"


def test_a_file_changed_after_planning_is_not_written(tmp_path):
    changes = accept.plan("青溪科技园", None, str(tmp_path))
    (tmp_path / "doccheck.toml").write_text("# written meanwhile\n", encoding="utf-8")
    with pytest.raises(accept.AcceptError, match="被修改过"):
        accept.apply(changes)
    assert (tmp_path / "doccheck.toml").read_text(encoding="utf-8") == "# written meanwhile\n"


# -- the editor's settings ----------------------------------------------------------------------
def test_editor_settings_of_the_wrong_type_are_ignored_and_said():
    settings = EditorSettings.from_client({"select": "TY, PN", "ignore": 3, "debounce": -1, "run": "sometimes"})
    assert settings.select == ("TY", "PN") and settings.ignore == () and settings.debounce_ms == 250
    assert settings.run == "onType" and len(settings.problems) == 3
