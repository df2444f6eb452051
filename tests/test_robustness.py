"""Hostile input at the command line: a clear message and exit 2, or a normal result.

Every test runs the real CLI (in process, exceptions not caught, so a traceback
fails the test) on one hostile file, and asserts the exit status and what the user
reads. None of them is timed: how the time grows with these shapes is shown by
``bench/run.py`` (section 4), not asserted here.
"""

import codecs
import json

import pytest

from tests.conftest import run

GAP = "（一）各单位要认真落实工作要求。\n（三）加强监督检查。\n"  # a numbering gap: ST101 on line 2


def check_json(path, *options):
    """Run ``doccheck check --format json`` on ``path``; (result, the file's report)."""
    result = run("check", "--format", "json", *options, str(path))
    assert "Traceback" not in result.output
    report = json.loads(result.stdout)
    (file_report,) = report["files"]
    return result, file_report


def assert_checked_cleanly(result, file_report):
    """A normal result: read, checked, no rule crashed on it."""
    assert result.exit_code in (0, 1), result.output
    assert not file_report.get("error")
    internal = [f for f in file_report["findings"] if f["code"].startswith("IN")]
    assert internal == []


def write(tmp_path, name, data):
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


# -- files that are not (readable) text ---------------------------------------------
def test_empty_file_is_checked_and_has_no_findings(tmp_path):
    path = write(tmp_path, "empty.txt", b"")
    result = run("check", str(path))
    assert result.exit_code == 0
    assert "共 0 条问题" in result.output


def test_file_of_only_whitespace_is_checked_and_has_no_findings(tmp_path):
    path = write(tmp_path, "blank.txt", " \n\t\t\n\u3000\u3000\r\n\xa0\n\n")
    result = run("check", str(path))
    assert result.exit_code == 0
    assert "共 0 条问题" in result.output


def test_binary_file_with_a_txt_name_is_refused_with_exit_2(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    path = write(tmp_path, "picture.txt", png)
    result = run("check", str(path))
    assert result.exit_code == 2
    assert f"{path}: error: 不是文本文件" in result.output


def test_invalid_utf8_without_a_declared_encoding_is_refused_saying_where(tmp_path):
    data = GAP.encode("utf-8") + "（四）坚持".encode() + b"\xff\xfe\xfd" + "问题导向。\n".encode()
    path = write(tmp_path, "broken.txt", data)
    result = run("check", str(path))
    assert result.exit_code == 2
    assert f"{path}: error: " in result.output
    assert "UTF-8" in result.output
    assert "第 3 行第 6 列" in result.output  # the first bad byte follows the five characters （四）坚持


def test_utf8_cut_in_the_middle_of_a_character_is_refused_saying_where(tmp_path):
    path = write(tmp_path, "cut.txt", GAP.encode("utf-8") + "截至".encode()[:4])
    result = run("check", str(path))
    assert result.exit_code == 2
    assert "第 3 行第 2 列" in result.output


def test_utf16_without_bom_is_decoded_and_positions_are_right(tmp_path):
    for encoding in ("utf-16-le", "utf-16-be"):
        path = write(tmp_path, f"{encoding}.txt", GAP.encode(encoding))
        assert not path.read_bytes().startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        result, file_report = check_json(path, "--select", "ST101")
        assert file_report["encoding"] == encoding
        assert [(f["code"], f["line"], f["column"]) for f in file_report["findings"]] == [("ST101", 2, 1)]
        assert result.exit_code == 1


# -- size ---------------------------------------------------------------------------
def test_50_mb_file_is_refused_by_the_default_size_limit_and_others_still_checked(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as stream:
        stream.truncate(50 * 1024 * 1024)  # sparse: the limit must refuse it before reading
    small = write(tmp_path, "small.txt", GAP)
    result = run("check", "--select", "ST101", str(big), str(small))
    assert result.exit_code == 2
    assert f"{big}: error: 文件过大：50.0 MB，超过上限 20.0 MB" in result.output
    assert "--max-file-size" in result.output
    assert f"{small}:2:1: ST101" in result.output


def test_size_limit_is_configurable_on_the_command_line(tmp_path):
    path = write(tmp_path, "doc.txt", GAP * 400)  # about 23 KB
    refused = run("check", "--max-file-size", "0.01", str(path))
    assert refused.exit_code == 2
    assert "超过上限 0.0 MB" in refused.output or "超过上限" in refused.output
    assert run("check", "--select", "ST", "--max-file-size", "0.1", str(path)).exit_code in (0, 1)


def test_negative_size_limit_is_a_usage_error(tmp_path):
    path = write(tmp_path, "doc.txt", GAP)
    result = run("check", "--max-file-size", "-1", str(path))
    assert result.exit_code == 2
    assert "--max-file-size" in result.output


# -- shapes that could blow up a parser or a rule ------------------------------------
SENTENCE = "各单位要认真落实（2024年）工作要求，完成投资12.5亿元，同比增长3.4%；“重点项目”推进《实施方案》。"


def test_single_line_of_a_million_characters(tmp_path):
    line = (SENTENCE * (1_000_000 // len(SENTENCE) + 1))[:1_000_000]
    path = write(tmp_path, "line.txt", line)
    result, file_report = check_json(path)
    assert_checked_cleanly(result, file_report)
    assert all(f["line"] == 1 and f["end"] <= 1_000_000 for f in file_report["findings"])


def test_ten_thousand_nested_brackets(tmp_path):
    pairs = ["（）", "【】", "《》", "“”", "()", "[]"]
    opening = "".join(pairs[i % 6][0] for i in range(10_000))
    closing = "".join(pairs[i % 6][1] for i in reversed(range(10_000)))
    path = write(tmp_path, "nested.txt", "关于" + opening + "有关事项" + closing + "的通知。\n")
    assert_checked_cleanly(*check_json(path))


def test_ten_thousand_unclosed_brackets(tmp_path):
    path = write(tmp_path, "open.txt", "（“甲【乙《丙" * 2_000 + "。\n")
    result, file_report = check_json(path, "--select", "PN")
    assert_checked_cleanly(result, file_report)
    assert result.exit_code == 1 and file_report["findings"]


def test_ten_thousand_headings(tmp_path):
    digits = "一二三四五六七八九"
    lines = []
    for index in range(10_000):
        number = index // 4 % 9
        lines.append(
            [
                f"{digits[number]}、工作任务",
                f"（{digits[number]}）具体要求",
                f"{number + 1}.主要措施",
                f"（{number + 1}）落实分工",
            ][index % 4]
            + "。"
        )
    path = write(tmp_path, "headings.txt", "\n".join(lines) + "\n")
    assert_checked_cleanly(*check_json(path))


def test_ten_thousand_lines_of_one_heading_level_with_every_number(tmp_path):
    lines = [f"{index}.第{index}项工作要求。" for index in range(1, 10_001)]
    path = write(tmp_path, "items.txt", "\n".join(lines) + "\n")
    result, file_report = check_json(path, "--select", "ST")
    assert_checked_cleanly(result, file_report)


def test_number_with_500_digits_in_amounts_shares_and_changes(tmp_path):
    digits = "1234567890" * 50
    grouped = ",".join(digits[i : i + 3] for i in range(0, 500, 3))
    text = (
        f"一、基本情况\n全年完成投资{digits}万元，其中市级{digits}万元、区级1万元。\n"
        f"合计{grouped}元，同比增长{digits}%，占比{digits[:300]}.{digits[:200]}%，"
        f"较上年增加{digits}倍，共{digits}人，第{digits}号文件，{digits}年{digits}月{digits}日。\n"
    )
    path = write(tmp_path, "digits.txt", text)
    assert_checked_cleanly(*check_json(path))


def test_many_lines_of_only_punctuation_and_markers(tmp_path):
    path = write(tmp_path, "marks.txt", "（一）\n、\n。。。\n（\n）\n“\n”\n一是\n第一，\n1.\n" * 1_000)
    assert_checked_cleanly(*check_json(path))


# -- configuration with the wrong types ------------------------------------------------------
@pytest.mark.parametrize(
    "content, named",
    [
        ('select = "ST"\n', "键 'select'"),
        ("fail-on = 3\n", "键 'fail-on'"),
        ('[severity]\nST101 = "fatal"\n', "键 'severity.ST101'"),
        ("ignore = [1, 2]\n", "键 'ignore"),
        ("select = [\n", "不是有效的 TOML"),
    ],
)
def test_configuration_with_wrong_types_is_refused_naming_file_and_key(tmp_path, content, named):
    config = write(tmp_path, "doccheck.toml", content)
    document = write(tmp_path, "doc.txt", GAP)
    result = run("check", "--config", str(config), str(document))
    assert result.exit_code == 2
    assert str(config) in result.output
    assert named in result.output
    assert "Traceback" not in result.output


def test_configuration_that_is_binary_is_refused(tmp_path):
    config = write(tmp_path, "doccheck.toml", b"\x89PNG\r\n\x1a\n\x00\xff\xfe")
    document = write(tmp_path, "doc.txt", GAP)
    result = run("check", "--config", str(config), str(document))
    assert result.exit_code == 2
    assert str(config) in result.output


# -- rule packs and glossaries with the wrong types --------------------------------------------
BAD_DATA_FILES = [
    ("rule-packs", "typos: 5\n"),
    ("rule-packs", "version: 1\nname: mine\nrules: {id: 1}\n"),
    (
        "rule-packs",
        "version: 1\nname: mine\nrules:\n  - id: x\n    type: substitution\n    kind: misspelling\n"
        "    level: 3\n    swap: [甲乙, 乙甲]\n",
    ),
    ("rule-packs", "- just\n- a list\n"),
    ("rule-packs", "rules: [unclosed\n"),
    ("glossaries", "version: 1\nterms: 国家统计局\n"),
    ("glossaries", "version: 1\nterms:\n  - canonical: 12\n    variants: 统计局\n"),
    ("glossaries", "\x00\x01\x02 binary"),
]


@pytest.mark.parametrize("key, content", BAD_DATA_FILES)
def test_rule_pack_or_glossary_with_wrong_types_is_refused_naming_the_file(tmp_path, key, content):
    data = write(tmp_path, "mine.yaml", content)
    config = write(tmp_path, "doccheck.toml", f'{key} = ["mine.yaml"]\n')
    document = write(tmp_path, "doc.txt", GAP)
    result = run("check", "--config", str(config), str(document))
    assert result.exit_code == 2, result.output
    assert str(data) in result.output
    assert "Traceback" not in result.output


def test_rule_pack_that_does_not_exist_is_refused_naming_it(tmp_path):
    config = write(tmp_path, "doccheck.toml", 'rule-packs = ["absent.yaml"]\n')
    document = write(tmp_path, "doc.txt", GAP)
    result = run("check", "--config", str(config), str(document))
    assert result.exit_code == 2
    assert "absent.yaml" in result.output


# -- the other readers -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "name, data, message",
    [
        ("report.docx", b"PK\x03\x04 not really a zip", ".docx"),
        ("empty.docx", b"", ".docx"),
        ("report.pdf", bytes(range(256)) * 12, "PDF"),
        ("empty.pdf", b"", "PDF"),
        ("page.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "不是文本文件"),
    ],
)
def test_damaged_files_of_the_other_readers_are_refused_with_exit_2(tmp_path, name, data, message):
    path = write(tmp_path, name, data)
    result = run("check", str(path))
    assert result.exit_code == 2
    assert f"{path}: error: " in result.output
    assert message in result.output


def test_html_nested_twenty_thousand_deep_is_read_as_the_same_page_five_deep(tmp_path):
    pytest.importorskip("trafilatura", reason="trafilatura is not installed (pip install doccheck[html])")
    from checker.load.readers import read_source

    def page(depth: int) -> str:
        return "<html><body>" + "<p><span>" * depth + "（一）甲。（三）乙。" + "</span></p>" * depth + "</body></html>"

    deep, shallow = write(tmp_path, "deep.html", page(10_000)), write(tmp_path, "shallow.html", page(5))
    result, file_report = check_json(deep)
    assert_checked_cleanly(result, file_report)
    assert file_report["findings"] == check_json(shallow)[1]["findings"]
    assert read_source(str(deep)).text == read_source(str(shallow)).text == "（一）甲。（三）乙。\n"


def test_markdown_of_twenty_thousand_nested_brackets_and_quotes(tmp_path):
    text = "> " * 5_000 + "甲\n\n" + "[" * 20_000 + "（一）乙" + "]" * 20_000 + "\n"
    path = write(tmp_path, "deep.md", text)
    assert_checked_cleanly(*check_json(path))


# -- standard input -----------------------------------------------------------------------------
def test_standard_input_over_the_size_limit_is_refused_with_exit_2():
    result = run(
        "check", "--max-file-size", "0.01", "--stdin-filename", "piped.txt", "-", input=GAP.encode("utf-8") * 400
    )
    assert result.exit_code == 2
    assert "piped.txt: error: 输入过大：超过上限 0.0 MB" in result.output
    assert "--max-file-size" in result.output


def test_binary_standard_input_is_refused_with_exit_2():
    result = run("check", "--stdin-filename", "piped.txt", "-", input=bytes(range(256)) * 8)
    assert result.exit_code == 2
    assert "piped.txt: error: 不是文本文件" in result.output


def test_standard_input_within_the_limit_is_checked():
    result = run("check", "--select", "ST101", "--stdin-filename", "piped.txt", "-", input=GAP.encode("utf-8"))
    assert result.exit_code == 1
    assert "piped.txt:2:1: ST101" in result.output
