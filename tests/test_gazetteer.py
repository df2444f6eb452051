"""Official names written with a character missing, added or changed (TM103),
checker/rules/gazetteer.py and checker/rules/checks/names.py."""

import pytest

from checker.rules.gazetteer import divisions, gazetteer, load_gazetteer_file, one_inner_edit
from tests.conftest import findings, run, run_json


def test_a_dropped_character_in_a_national_body_is_an_error_with_the_name_as_fix():
    (finding,) = findings("各单位：\n请将数据报送国统计局。\n", "TM103")
    assert (finding.code, finding.line, finding.column, finding.excerpt) == ("TM103", 2, 7, "国统计局")
    assert finding.severity == "error"
    assert finding.message == "“国统计局”疑为“国家统计局”之误（漏了“家”）"
    assert (finding.fix.replacement, finding.fix.safety) == ("国家统计局", "unsafe")
    assert finding.evidence["name_list"] == "国务院直属特设机构、直属机构、办事机构和直属事业单位"


@pytest.mark.parametrize(
    "text, written, name, change",
    [
        ("由中国民银行负责。", "中国民银行", "中国人民银行", "dropped"),
        ("推进南北调工程建设。", "南北调工程", "南水北调工程", "dropped"),
        ("根据国家统记局数据。", "国家统记局", "国家统计局", "changed"),
        ("根据国家统计计局数据。", "国家统计计局", "国家统计局", "added"),
        ("内蒙古自治区和宁夏回自治区。", "宁夏回自治区", "宁夏回族自治区", "dropped"),
        ("请国务办公厅负责。", "国务办公厅", "国务院办公厅", "dropped"),  # 国务 is a rare word
        ("第十二届全国人代表大会。", "全国人代表大会", "全国人民代表大会", "dropped"),
        ("由政府和人民府共同负责。", "人民府", "人民政府", "dropped"),  # four characters written as three
        ("由省人民府负责。", "省人民府", "省人民政府", "dropped"),  # the level's government is listed
        ("地方各级人民府要认真落实。", "地方各级人民府", "地方各级人民政府", "dropped"),  # the longest name
        ("按国家规定地方和中财政分成。", "中财政", "中央财政", "dropped"),
    ],
)
def test_a_near_miss_of_a_listed_name_is_reported(text, written, name, change):
    (finding,) = findings(text, "TM103")
    assert (finding.excerpt, finding.fix.replacement, finding.evidence["change"]) == (written, name, change)


@pytest.mark.parametrize(
    "text",
    [
        "国家统计局发布数据。",  # the name itself
        "国家经委、国家计委联合发文。",  # former names are listed
        "增强四个意识，做到两个维护。",  # numbers change the formulation, not spell it wrongly
        "市场监管局负责辖区监管。",  # a dropped 总 is a body of another level
        "全国广大干部群众。",  # the change makes ordinary words (广大)
        "坚持社会主义的现代化方向。",  # an added particle
        "建设社会主义现代化国家。",  # the stretch runs into a word (国家)
        "国家发展和改革委员会召开会议。",  # a short form inside the full name is the full name
        "滨海院区门诊楼。",  # a place name with a changed character is another place
        "维护国家全部利益。",  # two frequent words either side of the gap (not 国家安全部)
        "面向国家和地区开放。",  # three characters of a place (和田地区) are words
        "三个煤矿城镇中财政已给予补贴。",  # 中 leans on 城镇 (not 中央财政)
        "推进全国大范围降雨监测。",  # 大 runs on into 大范围 (not 全国人大)
        "乡级人民政府和乡镇人民政府负责实施。",  # the level of a township, as 县级 is a county's
        "中央农办牵头负责。",  # a changed character neither read nor written alike: another body (中央编办)
        "国家认监委牵头负责。",  # an abbreviation with a character more is another's (国家监委)
    ],
)
def test_ordinary_text_and_other_bodies_are_not_reported(text):
    assert findings(text, "TM103") == []


@pytest.mark.parametrize(
    "text, written, name",
    [
        ("上海市市场督管理局发布通知。", "市场督管理局", "市场监督管理局"),  # a local government's department
        ("洛扎县扎日乡卫院副院长", "乡卫院", "乡卫生院"),  # three characters that begin with no word
        ("湖南佳惠百货有限债任公司董事长", "有限债任公司", "有限责任公司"),  # a company's form, 责 read as 债
        ("湖北省妇女联会召开会议。", "妇女联会", "妇女联合会"),  # a people's organisation
    ],
)
def test_a_kind_of_body_written_with_a_slip_is_reported(text, written, name):
    (finding,) = findings(text, "TM103")
    assert (finding.excerpt, finding.fix.replacement, finding.severity) == (written, name, "error")
    assert finding.evidence["name_list"] in {
        "地方人民政府工作部门的通用名称",
        "医疗卫生机构的类别名称",
        "公司与企业组织形式",
        "地方人民团体的通用名称",
    }


@pytest.mark.parametrize(
    "text",
    [
        "审计委员会办公室负责督办。",  # 计委员会 begins inside 审计: no 计划委员会 less 划
        "内蒙古自治区农牧厅发布通知。",  # 农牧|厅 begins with a word: a short form in use, not 农牧业厅
    ],
)
def test_a_kind_of_body_is_compared_only_where_a_name_begins(text):
    assert findings(text, "TM103") == []


@pytest.mark.parametrize(
    "text, written, name",
    [
        ("争创国家医中心，提升医疗服务能力。", "国家医中心", "国家医学中心"),  # a national designation
        ("深化国航运中心建设。", "国航运中心", "国际航运中心"),
        ("中国核工业集团公司与中国核工业团有限公司。", "中国核工业团有限公司", "中国核工业集团有限公司"),
        ("中国铁路上局负责运输组织。", "中国铁路上局", "中国铁路上海局"),  # a railway bureau
        ("由进出银行提供贷款。", "进出银行", "进出口银行"),  # a policy bank's usual short name
        ("伟大列宁领导的苏埃政府郑重宣布。", "苏埃政府", "苏维埃政府"),  # a former state's government
    ],
)
def test_a_national_designation_or_central_enterprise_with_a_slip_is_reported(text, written, name):
    (finding,) = findings(text, "TM103")
    assert (finding.excerpt, finding.fix.replacement) == (written, name)


@pytest.mark.parametrize(
    "text",
    [
        "4个国家级区域医疗中心建设进展顺利。",  # a level's 级 added says the same
        "推动工业园区创建国家经开区。",  # … and dropped
        "实施中海油新材料项目。",  # a central enterprise's short name
        "促进进出口行业健康发展。",  # 进出口|行业, not 进出口银行 less 银
    ],
)
def test_a_level_said_longer_or_a_short_name_of_an_enterprise_is_not_reported(text):
    assert findings(text, "TM103") == []


@pytest.mark.parametrize(
    "text, written, name",
    [
        ("国务防汛抗旱办公室负责。", "国务防汛抗旱办公室", "国务院防汛抗旱办公室"),
        ("由国院防汛抗旱办公室负责。", "国院防汛抗旱办公室", "国务院防汛抗旱办公室"),
        ("关于成立中共中企业工作委员会的通知", "中共中企业工作委员会", "中共中央企业工作委员会"),
    ],
)
def test_a_body_under_the_state_council_or_the_central_committee_that_lost_a_character_of_it(text, written, name):
    (finding,) = findings(text, "TM103")
    assert (finding.excerpt, finding.fix.replacement, finding.severity) == (written, name, "warning")
    assert finding.evidence["name_list"] == "党和国家机构名称的开头"


@pytest.mark.parametrize("text", ["国务委员兼公安部长出席会议。", "国务卿访问北京。", "全国院士工作站建设。"])
def test_words_that_begin_as_a_broken_prefix_are_not_reported(text):
    assert findings(text, "TM103") == []


@pytest.mark.parametrize(
    "text, written, name",
    [
        ("湖北省幼保健院院长出席。", "湖北省幼保健院", "湖北省妇幼保健院"),
        ("北京市安局通报情况。", "北京市安局", "北京市公安局"),
        ("北京市公局丰台分局通报情况。", "北京市公局", "北京市公安局"),  # less its middle character
        ("广西壮族自治区林局规划财务处。", "广西壮族自治区林局", "广西壮族自治区林业局"),
        ("要对鞍山钢铁公司和包头钢公司加强领导。", "包头钢公司", "包头钢铁公司"),  # a place without its level
    ],
)
def test_a_division_and_a_kind_of_body_that_lost_its_first_character_is_a_warning(text, written, name):
    (finding,) = findings(text, "TM103")
    assert (finding.excerpt, finding.fix.replacement, finding.severity) == (written, name, "warning")
    assert finding.evidence["name_list"] == "行政区划与机构类别"


@pytest.mark.parametrize(
    "text",
    [
        "北京市政局通报情况。",  # 政局 is a word (民政局 or 财政局: not clear either)
        "北京市商局通报情况。",  # 商务局 or 工商局
        "广西壮族自治区业局发布通知。",  # 业局: 林业局, 农业局 … which one is not clear
        "永昌县乡镇卫生院建设。",  # 乡镇卫生院 is a kind of its own
        "开拓新市场监管局职能。",  # the place (新市, of 新市区) runs into a word (市场)
    ],
)
def test_a_kind_less_its_first_character_is_reported_only_where_one_kind_is_meant(text):
    assert findings(text, "TM103") == []


def test_a_verb_of_one_character_that_makes_a_word_with_the_name_does_not_hide_it():
    # 报国 is a word, but 报 opens the clause: the name begins at 国
    (finding,) = findings("煤炭出厂价格要报国物价局审批。", "TM103")
    assert (finding.excerpt, finding.fix.replacement) == ("国物价局", "国家物价局")
    assert findings("全国物价局长会议在京召开。", "TM103") == []  # 全国|物价局: the name begins inside 全国


def test_a_name_after_a_date_in_digits_begins_after_the_date():
    # 2026年|内古自治区政府: 年 ends the date, though 年内 is a word
    (finding,) = findings("2026年内古自治区政府工作报告\n", "TM103")
    assert (finding.excerpt, finding.fix.replacement) == ("内古自治区政府", "内蒙古自治区政府")
    assert findings("今年内古自治区政府工作。", "TM103") == []  # 今年|内: no date in digits


def test_a_listed_name_written_whole_before_a_word_is_no_longer_name_less_a_character():
    # 国家发展改革委|会同: the short form, then 会同 — not 国家发展改革委员会 less 员
    assert findings("国家发展改革委会同有关部门研究提出意见。", "TM103") == []


def test_the_accept_list_silences_a_name_of_ones_own():
    text = "由中国民银行负责。"
    assert findings(text, "TM103", accept=["中国民银行"]) == []


def test_a_glossary_name_extends_the_gazetteer(tmp_path):
    glossary = tmp_path / "names.yaml"
    glossary.write_text("version: 1\nterms:\n  - canonical: 黄花岗科技园\n    variants: [黄花园区]\n", encoding="utf-8")
    (finding,) = findings("打造黄花港科技园品牌。", "TM103", glossaries=[str(glossary)])
    assert (finding.excerpt, finding.fix.replacement) == ("黄花港科技园", "黄花岗科技园")


def test_accept_in_the_config_file_silences_and_a_bad_value_exits_2(tmp_path):
    document = tmp_path / "notice.txt"
    document.write_text("由中国民银行负责。\n", encoding="utf-8")
    (tmp_path / "doccheck.toml").write_text('select = ["TM103"]\naccept = ["中国民银行"]\n', encoding="utf-8")
    assert run("check", str(document)).exit_code == 0
    (tmp_path / "doccheck.toml").write_text('accept = "中国民银行"\n', encoding="utf-8")
    result = run("check", str(document))
    assert result.exit_code == 2
    assert "键 'accept'：应为列表" in result.output


@pytest.mark.parametrize(
    "written, name, edit",
    [
        ("国统计局", "国家统计局", ("dropped", "", "家")),
        ("国家统记局", "国家统计局", ("changed", "记", "计")),
        ("国家统计总局", "国家统计局", ("added", "总", "")),
        ("国家统计", "国家统计局", None),  # the last character dropped: not inside the name
        ("家统计局", "国家统计局", None),  # the first one
        ("国家统计局", "国家统计局", None),
        ("国家统计报告", "国家统计局", None),
    ],
)
def test_one_inner_edit(written, name, edit):
    assert one_inner_edit(written, name) == edit


def test_the_gazetteer_holds_the_curated_names_and_the_divisions():
    names = gazetteer().groups
    assert names["国家统计局"] != names["雄安新区"]
    assert {"河北省", "石家庄市", "海淀区", "内蒙古自治区"} <= set(divisions())
    assert all(len(group.names) == len(set(group.names)) for group in load_gazetteer_file().groups)


def test_a_name_the_document_writes_in_full_and_once_with_a_character_dropped_is_a_warning():
    text = "各单位：\n国家粮食应急工作指挥部负责指挥。\n各地接到国家粮应急工作指挥部通知后立即行动。\n"
    (finding,) = findings(text, "TM103")
    assert (finding.line, finding.column, finding.excerpt) == (3, 5, "国家粮应急工作指挥部")
    assert finding.severity == "warning"
    assert finding.message == "“国家粮应急工作指挥部”疑为“国家粮食应急工作指挥部”之误（漏了“食”）"
    assert finding.suggestion == "改为“国家粮食应急工作指挥部”（本文他处写作此全称）"
    assert (finding.fix.replacement, finding.fix.safety) == ("国家粮食应急工作指挥部", "unsafe")
    assert finding.evidence["name_list"] == "本文他处写出的全称"


@pytest.mark.parametrize(
    "text, written, name",
    [
        ("电力部、国家能源投资公司参加。\n由山西省、国能源投资公司出资。\n", "国能源投资公司", "国家能源投资公司"),
        ("经全国矿产资源委员会审查。\n移交全国产资源委员会领导。\n", "全国产资源委员会", "全国矿产资源委员会"),
    ],
)
def test_a_name_written_in_full_whose_gap_makes_another_word_is_still_broken(text, written, name):
    (finding,) = findings(text, "TM103")  # 国能, 国产 are words, but not of these names
    assert (finding.line, finding.excerpt, finding.fix.replacement) == (2, written, name)
    assert finding.severity == "warning"


def test_a_stretch_is_read_as_words_with_its_ending_whole():
    (finding,) = findings("符合国家重点工程建设规划。\n开工国家重工程。\n", "TM103")  # 国家|重|工程, not 重工
    assert (finding.line, finding.excerpt, finding.fix.replacement) == (2, "国家重工程", "国家重点工程")


@pytest.mark.parametrize(
    "text",
    [
        "材料报送国务院。情况报国务院。",  # a word before the name lost a character: 国务院 stands
        "各二三级公司和二级公司。",  # a number tells two items apart
        "西山矿务局、汾西矿务局、潞安矿务局。",  # the end of another name of the list
        "培养选拔女干部。注重选拔干部。",  # 干部 is a word, not the name of a body
        "湖北地震局负责。湖北地震局报告。湖北省地震局。",  # 省 is a level, and the short form is in use
        "江苏省煤炭工业局牵头。江苏煤炭工业局配合。江苏煤炭工业局报告。",  # written more often than the full name
        "通知有关部门委员会。请有关部委配合。",  # the gap makes a word again (部委)
        "推动中小型银行改革。支持中小银行发展。",  # words of two characters and the ending
        "境内外上市公司均可参加。境外上市公司另行规定。",  # 境外 is a word again
        "共有政府规章72部。另有政府规章2部。",  # a digit, not a character
        "组建中国电力工程顾问集团公司。组建中国水电工程顾问集团公司。",  # 水电|工程: no name begins in a word
    ],
)
def test_forms_that_are_not_a_name_with_a_character_dropped_are_not_reported(text):
    assert findings(text, "TM103") == []


@pytest.mark.parametrize(
    "text, written, name",
    [
        ("辽宁省民政府：\n你省报告收悉。", "辽宁省民政府", "辽宁省人民政府"),
        ("请山西省人政府报送。", "山西省人政府", "山西省人民政府"),
        ("在此，我代表省民政府讲话。", "省民政府", "省人民政府"),
    ],
)
def test_the_government_of_a_province_or_prefecture_is_a_listed_name(text, written, name):
    (finding,) = findings(text, "TM103")
    assert (finding.excerpt, finding.fix.replacement, finding.severity) == (written, name, "error")


def test_the_governments_of_every_division_down_to_the_counties_come_from_the_divisions():
    names = gazetteer().groups
    assert names["湖北省人民政府"] == names["长沙市政府"] == "行政区划的人民政府"
    assert names["香港特别行政区政府"] == names["海淀区人民政府"] == names["肥城市政府"] == "行政区划的人民政府"
    assert names["大兴安岭地区行政公署"] == "行政区划的人民政府"


def test_a_county_government_with_a_character_dropped_is_an_error():
    (finding,) = findings("请肥市人民政府会同有关方面研究。", "TM103")
    assert (finding.excerpt, finding.fix.replacement, finding.severity) == ("肥市人民政府", "肥城市人民政府", "error")


@pytest.mark.parametrize(
    "text, written, name",
    [
        ("中国政府同英国政府和葡牙政府经过友好谈判。", "葡牙政府", "葡萄牙政府"),  # a country's government
        ("送请国院法制局加快审理。", "国院法制局", "国务院法制局"),  # a former body
        ("各省、市、自治区命委员会。", "自治区命委员会", "自治区革命委员会"),  # organs of 1967–1979
        ("自治区府在广泛征求意见。", "自治区府", "自治区政府"),
        ("各地劳动和社会保部门要加强监督。", "劳动和社会保部", "劳动和社会保障部"),  # a ministry's sector
        ("加强三北防护林和防治沙工程建设。", "防治沙工程", "防沙治沙工程"),  # a programme: words are left
        ("实施广电视村村通工程。", "广电视村村通工程", "广播电视村村通工程"),
        ("推进城市命线安全工程。", "城市命线安全工程", "城市生命线安全工程"),
        ("加快城镇保障性安工程建设。", "城镇保障性安工程", "城镇保障性安居工程"),
    ],
)
def test_more_listed_names_with_a_character_dropped_are_errors(text, written, name):
    (finding,) = findings(text, "TM103")
    assert (finding.excerpt, finding.fix.replacement, finding.severity) == (written, name, "error")


@pytest.mark.parametrize(
    "text",
    [
        "加大政府投入力度。",  # 加大 is a frequent word (not 加拿大政府 less 拿)
        "文化旅游部门要加强管理。",  # the sector's usual name, not 文化和旅游部 less 和
        "同意大利政府签署协定。",  # a changed character of a country is another word (同意)
        "各省政府和黑山县政府。",
        "根据办法和区政府的部署开展检查。",  # 和 is a word of its own (not 和平区政府)
        "推进城市生命线安全工程和城市基础设施生命线安全工程。",  # two listed forms of one programme
        "开展防沙治沙，推进防沙治沙工程。",
        "实施重要生态系统保护修复重大工程。",  # the form without 和 is in use, and listed
    ],
)
def test_words_and_sectors_that_look_like_a_listed_name_less_a_character_are_not_reported(text):
    assert findings(text, "TM103") == []


def test_a_name_after_a_division_is_compared_from_the_division_s_level():
    text = "河北省田地质公司、山西省煤田地质公司、山东省煤田地质公司。"
    (finding,) = findings(text, "TM103")
    assert (finding.excerpt, finding.fix.replacement, finding.severity) == ("省田地质公司", "省煤田地质公司", "warning")


def test_a_particle_inside_a_word_does_not_cut_a_name_the_document_writes():
    (finding,) = findings("中国高等教育部同苏联高等教部签订协议。", "TM103")
    assert (finding.excerpt, finding.fix.replacement) == ("高等教部", "高等教育部")


def test_a_particle_after_another_still_ends_a_name():
    assert findings("向国务院及其有关部门报告。向国务院及有关部门报告。", "TM103") == []


def test_a_name_whose_ending_lost_a_character_is_a_warning():
    (finding,) = findings("实施新时代湖湘工匠培育程，深化改革。", "TM103")
    assert (finding.excerpt, finding.fix.replacement, finding.severity) == ("培育程", "培育工程", "warning")
    assert finding.evidence["name_list"] == "机构名称的结尾"


@pytest.mark.parametrize(
    "text, written, name",
    [
        ("副主任分别由民航华北理局、北京奥组委负责。", "华北理局", "华北管理局"),
        ("省资源理委员会负责制定规划。", "资源理委员会", "资源管理委员会"),
    ],
)
def test_a_management_body_whose_ending_lost_its_first_character_is_a_warning(text, written, name):
    (finding,) = findings(text, "TM103")
    assert (finding.excerpt, finding.fix.replacement, finding.severity) == (written, name, "warning")


@pytest.mark.parametrize("text", ["成立生态治理委员会。", "由代理局办理。", "物理局部分。"])
def test_a_word_that_ends_in_li_before_the_ending_is_no_broken_management_body(text):
    assert findings(text, "TM103") == []


@pytest.mark.parametrize(
    "text",
    [
        "组织有不同程渡的差异。",  # 程 begins 程度 (its 度 slipped), not 不同工程 less 工
        "建议采用以补益心肾、涤痰熄风的中药。",  # 心肾: 心 is no 中心 less 中
    ],
)
def test_a_one_character_ending_before_a_character_that_starts_no_word_is_no_broken_name(text):
    assert findings(text, "TM103") == []


@pytest.mark.parametrize(
    "text, written, name",
    [
        ("实施新时代湖湘工匠培育程取得成效。", "培育程", "培育工程"),  # a word after it
        ("争创区域医学心等平台。", "医学心", "医学中心"),  # a particle after it
    ],
)
def test_a_broken_ending_before_a_word_or_a_particle_is_still_a_warning(text, written, name):
    (finding,) = findings(text, "TM103")
    assert (finding.excerpt, finding.fix.replacement) == (written, name)


def test_a_centre_whose_name_lost_its_first_character_is_a_warning():
    (finding,) = findings("智慧化医疗体系，争创区域医学心，支持建设。", "TM103")
    assert (finding.excerpt, finding.fix.replacement, finding.severity) == ("医学心", "医学中心", "warning")


def test_a_listed_designation_whose_ending_lost_a_character_is_reported_whole():
    # 国家医学中心 is listed: the listed name is the fix, not the broken ending's
    (finding,) = findings("智慧化医疗体系，争创国家医学心，支持建设。", "TM103")
    assert (finding.excerpt, finding.fix.replacement, finding.severity) == ("国家医学心", "国家医学中心", "error")


@pytest.mark.parametrize(
    "text",
    [
        "按规定程序办理。",
        "推进全过程管理。",
        "召开动员会。",
        "市政府办公室负责。",
        "坚守为民初心。",
        "增强发展信心。",
        "以人民为中心。",
        "打造工匠心。",
        "坚持不忘初心。",
    ],
)
def test_words_that_end_like_a_broken_name_are_not_reported(text):
    assert findings(text, "TM103") == []


def _tm103_excerpts(report: dict) -> list[str]:
    return [f["excerpt"] for file in report["files"] for f in file["findings"] if f["code"] == "TM103"]


def test_accept_in_pyproject_silences_a_name_of_ones_own(tmp_path):
    document = tmp_path / "notice.txt"
    document.write_text("由中国民银行负责。\n", encoding="utf-8")
    assert _tm103_excerpts(run_json(str(document))) == ["中国民银行"]
    (tmp_path / "pyproject.toml").write_text('[tool.doccheck]\naccept = ["中国民银行"]\n', encoding="utf-8")
    assert _tm103_excerpts(run_json(str(document))) == []


def test_a_glossary_named_in_the_configuration_extends_the_gazetteer(tmp_path):
    (tmp_path / "names").mkdir()
    (tmp_path / "names" / "ours.yaml").write_text(
        "version: 1\nterms:\n  - canonical: 黄花岗科技园\n    variants: [黄花园区]\n", encoding="utf-8"
    )
    (tmp_path / "doccheck.toml").write_text('glossaries = ["names/ours.yaml"]\n', encoding="utf-8")
    document = tmp_path / "notice.txt"
    document.write_text("打造黄花港科技园品牌。\n", encoding="utf-8")
    (finding,) = [f for f in run_json(str(document))["files"][0]["findings"] if f["code"] == "TM103"]
    assert (finding["excerpt"], finding["fix"]["replacement"]) == ("黄花港科技园", "黄花岗科技园")


def test_the_accept_list_of_a_rule_pack_silences_every_kind_of_tm103_finding(tmp_path):
    document = tmp_path / "notice.txt"
    document.write_text(
        "由中国民银行负责。\n国家粮食应急工作指挥部负责。接到国家粮应急工作指挥部通知。\n实施湖湘工匠培育程。\n",
        encoding="utf-8",
    )
    assert _tm103_excerpts(run_json(str(document))) == ["中国民银行", "国家粮应急工作指挥部", "培育程"]
    (tmp_path / "doccheck-accept.yaml").write_text(
        "version: 1\naccept:\n  - 中国民银行\n  - 国家粮应急工作指挥部\n  - 湖湘工匠培育程\n", encoding="utf-8"
    )
    (tmp_path / "doccheck.toml").write_text('rule-packs = ["doccheck-accept.yaml"]\n', encoding="utf-8")
    assert _tm103_excerpts(run_json(str(document))) == []


def test_the_editor_offers_to_accept_the_written_form_of_a_tm103_finding():
    from checker.lsp.accept import accepted_form

    assert accepted_form("TM103", {"written": "中国民银行", "name": "中国人民银行"}) == "中国民银行"


def test_a_stretch_as_near_to_two_names_names_both_and_offers_no_fix():
    (finding,) = findings("2026年湖省政府工作报告。", "TM103")
    assert finding.message == "“湖省政府”疑为“湖北省政府”或“湖南省政府”之误（漏了一字）"
    assert finding.fix is None
    assert finding.evidence["other_names"] == ["湖南省政府"]


def test_a_body_whose_last_word_lost_a_character_is_corrected_from_the_document():
    (finding,) = findings("山东省：淄博务局、新汶矿务局、枣庄矿务局。", "TM103")
    assert (finding.excerpt, finding.fix.replacement, finding.severity) == ("淄博务局", "淄博矿务局", "warning")
    assert finding.evidence["name_list"] == "本文他处的用词"


@pytest.mark.parametrize(
    "text",
    [
        "淄博务局负责。",  # the document writes no 矿务局 to restore it from
        "住建局、人社局、市监局。住房和城乡建设局、市场监督管理局。",  # abbreviations
        "颍河节制闸工程、二河闸工程、洪泽湖河闸工程；宿迁节制闸。",  # 制闸 is the document's own word
    ],
)
def test_a_character_before_an_ending_without_the_document_s_evidence_is_not_reported(text):
    assert findings(text, "TM103") == []


@pytest.mark.parametrize(
    "text, written, name",
    [
        ("要对鞍山钢铁司和包头钢铁公司加强管理。", "钢铁司", "钢铁公司"),  # 铁公司 is written elsewhere
        ("悼念长春光学精密机械究所科学家。", "机械究所", "机械研究所"),
        ("上海经济区规划公室一九八六年三月二十四日来文。", "规划公室", "规划办公室"),  # a date follows
        ("召集人由公安部治安管局局长担任。", "治安管局", "治安管理局"),
        ("领导首都国际机场管委员会做好保障工作。", "机场管委员会", "机场管理委员会"),
    ],
)
def test_a_company_or_an_institute_whose_ending_lost_a_character_is_a_warning(text, written, name):
    (finding,) = findings(text, "TM103")
    assert (finding.excerpt, finding.fix.replacement, finding.severity) == (written, name, "warning")


def test_an_abbreviated_bureau_is_not_a_bureau_that_lost_a_character():
    assert findings("国管局、市城管局、市房管局、市场监管局负责。", "TM103") == []


def test_a_last_word_after_a_word_of_three_characters_is_restored_from_the_document():
    # (城市生命线安全工程 itself is a listed programme: a word of three of a name that is not)
    (finding,) = findings("推进高压线安工程，加强燃气安全工程，抓好供水安全工程。", "TM103")
    assert (finding.excerpt, finding.fix.replacement) == ("高压线安工程", "高压线安全工程")


@pytest.mark.parametrize(
    "text",
    [
        "外交部礼宾司、财政部预算司负责。有关公司参加。",
        "国家经委工业司负责。某某工业公司参加。",  # after a ministry's name
        "由工业司负责，工业司会同有关方面。某某工业公司参加。",  # written twice: the document's department
    ],
)
def test_a_ministry_s_department_is_not_a_company_that_lost_its_gong(text):
    assert findings(text, "TM103") == []


@pytest.mark.parametrize("text", ["负责协调有关电网、省电力司筹集资金。", "由湖北省电力司筹集资金。"])
def test_a_kind_of_company_that_lost_its_gong_after_a_division_s_level_is_a_warning(text):
    (finding,) = findings(text, "TM103")
    assert (finding.excerpt, finding.fix.replacement, finding.severity) == ("电力司", "电力公司", "warning")


def test_a_department_named_like_a_kind_of_company_after_a_ministry_is_not_reported():
    assert findings("国家能源局电力司负责。", "TM103") == []


def test_a_province_less_a_character_is_reported_with_every_province_it_may_be():
    (finding,) = findings("国务院办公厅转发煤炭部、山省人民政府关于归口管理的意见。", "TM103")
    assert finding.message == "“山省人民政府”疑为“山东省人民政府”或“山西省人民政府”之误（漏了一字）"
    assert finding.fix is None


def test_a_name_whose_first_word_lost_a_character_is_a_warning_when_the_rest_is_not_a_name_of_its_own():
    text = "国家粮食应急工作指挥部负责。国家粮食应急工作指挥部组成。\n国粮食应急工作指挥部办公室及其职责"
    (finding,) = findings(text, "TM103")
    assert (finding.excerpt, finding.fix.replacement) == ("国粮食应急工作指挥部", "国家粮食应急工作指挥部")


def test_a_level_that_begins_a_name_the_document_writes_begins_the_name():
    (finding,) = findings("协调有关电网、省电公司筹集资金，省电力公司负责。", "TM103")
    assert (finding.excerpt, finding.fix.replacement) == ("省电公司", "省电力公司")


@pytest.mark.parametrize(
    "text",
    [
        "交通运输部门要会同有关部门研究。商务部要会同有关部门落实。",  # 部|门 is a word: no body ends there
        "实施居委会能力提升行动。加强居民委员会建设，支持居民委员会工作。",  # 居委会 is a word
        "建设县域医疗次中心。回顾历次中央全会，历次中央会议精神。",  # the document writes no 历次中心
        "培育大型企业集团。支持大型企业集团发展。形成一批大企业集团。",  # 大企业 says what 大型企业 says
        "县级以上人民政府负责。按县以上人民政府的规定办理。",  # and 县以上 what 县级以上 says
        "新公司可设立全资子公司。原公司可设全资子公司。",  # a name does not begin with 设立
        "建设农事服务中心。推进为农服务中心建设。",  # 为农服务: serving farmers
    ],
)
def test_phrases_of_a_long_document_are_not_names_it_writes_with_a_character_dropped(text):
    assert findings(text, "TM103") == []


def test_a_body_s_name_before_a_title_is_a_name_the_document_writes():
    text = "国家粮食应急工作指挥部长讲话。国家粮食应急工作指挥部长出席。\n接到国家粮应急工作指挥部通知。"
    (finding,) = findings(text, "TM103")
    assert (finding.excerpt, finding.fix.replacement) == ("国家粮应急工作指挥部", "国家粮食应急工作指挥部")


def test_a_body_s_name_before_a_word_of_its_own_is_a_name_the_document_writes():
    text = "国家粮食应急工作领导委会同各方。国家粮食应急工作领导委会同有关部门。\n接到国家粮应急工作领导委通知。"
    (finding,) = findings(text, "TM103")  # 委|会同, not 委会
    assert (finding.excerpt, finding.fix.replacement) == ("国家粮应急工作领导委", "国家粮食应急工作领导委")


def test_a_place_that_lost_its_last_character_is_restored_from_the_document():
    text = "湛江市港口吞吐量增长。\n加快建设深圳湾文化广场、湛文化中心等重大文化设施。"
    (finding,) = findings(text, "TM103")
    assert (finding.line, finding.column, finding.excerpt) == (2, 13, "湛文化中心")
    assert (finding.fix.replacement, finding.severity) == ("湛江文化中心", "warning")
    assert finding.message == "“湛文化中心”疑为“湛江文化中心”之误（漏了“江”）"


def test_a_place_cut_short_before_its_level_is_restored_with_the_division_of_that_level():
    (finding,) = findings("实行归口管理，山省煤炭工业厅负责。山西煤炭产量稳定增长。", "TM103")
    assert (finding.column, finding.excerpt, finding.fix.replacement) == (8, "山省煤炭工业厅", "山西省煤炭工业厅")


@pytest.mark.parametrize(
    "text",
    [
        "加快建设湛文化中心。",  # the document does not write 湛江 whole
        "江西、江苏两省。宿迁节制闸、江风口分洪道工程。",  # 江西 or 江苏: not clear which
        "完成琼西北供水工程建设。推进琼东南污水处理工程。琼海市加快发展。",  # 琼, Hainan's short form, twice
        "推进东北振兴，实施伊家河治理工程。",  # 河 ends the river's name (伊家|河): no name begins there
    ],
)
def test_a_first_character_without_one_place_the_document_writes_is_not_reported(text):
    assert findings(text, "TM103") == []


def test_a_character_that_lost_its_partner_is_restored_from_a_word_the_document_writes():
    text = "培育新动能，培育市场主体。实施新时代湖湘工匠培工程，深化产业工人队伍建设。"
    (finding,) = findings(text, "TM103")
    assert (finding.column, finding.excerpt, finding.fix.replacement) == (21, "工匠培工程", "工匠培育工程")
    assert finding.evidence["name_list"] == "本文他处的用词"


@pytest.mark.parametrize(
    "text",
    [
        "实施新时代湖湘工匠培工程。",  # the document writes 培育 nowhere
        "湖北省地勘局负责。勘查工作由湖北省地勘局承担，勘查经费落实。",  # 地勘局 twice: its own short form
    ],
)
def test_a_lone_character_without_the_document_s_evidence_is_not_reported(text):
    assert findings(text, "TM103") == []


def test_a_changed_character_written_alike_is_a_slip():
    found = findings("根据国家统汁局数据。", "TM103")  # 汁 looks like 计
    assert [(finding.excerpt, finding.evidence["change"]) for finding in found] == [("国家统汁局", "changed")]


def test_a_place_written_only_inside_the_name_itself_restores_nothing():
    # 宝武 is a company (宝钢 and 武钢): the 武汉 later in the same name is no evidence
    text = "中国宝武集团宝钢股份武汉钢铁有限公司气体公司"
    assert findings(text, "TM103") == []


@pytest.mark.parametrize(
    "text, written, name",
    [
        ("山西省人民政府：统配局矿收归煤炭部以后，恢复山省煤炭工业厅。", "山省煤炭工业厅", "山西省煤炭工业厅"),
        ("北市委政法委基层社会治理处处长出席。", "北市委政法委", "北京市委政法委"),  # 北京 far more frequent
        ("请北市公安局丰台分局配合。", "北市公安局", "北京市公安局"),
        ("自区工商局内设九个处室。", "自区工商局", "自治区工商局"),  # the region standing for itself
    ],
)
def test_a_division_whose_place_lost_its_second_character_begins_a_body_s_name(text, written, name):
    (finding,) = findings(text, "TM103")
    assert (finding.excerpt, finding.fix.replacement, finding.severity) == (written, name, "warning")
    assert finding.evidence["name_list"] == "行政区划与机构类别"


def test_a_broken_division_the_document_does_not_settle_names_the_places_it_may_be():
    (finding,) = findings("湖省妇幼保健院光谷院区特诊科。", "TM103")
    assert finding.message == "“湖省妇幼保健院”疑为“湖北省妇幼保健院”或“湖南省妇幼保健院”之误（漏了一字）"
    assert finding.fix is None
    assert finding.severity == "warning"


@pytest.mark.parametrize(
    "text",
    [
        "上海经济区规划办公室负责。",  # 经济|区: no name begins at 济
        "部署和市委经济工作会议部署。",  # 和 joins: 和田市, 和龙市 are not meant
        "台北市政府发布公告。",  # 台北 is a word
        "开拓新市场监管局职能。",  # 市场 is a word, 新 no place
        "涉及三县卫生局。",  # 三 counts
        "来县卫生局调研。",  # 来 goes
        "来自区里的工商局干部。",  # 来自 is a word
    ],
)
def test_a_character_and_a_level_that_read_otherwise_are_no_broken_division(text):
    assert findings(text, "TM103") == []


def test_a_company_named_for_its_trade_that_lost_a_character_of_the_trade_is_reported():
    (finding,) = findings("由省电公司统一调度。", "TM103")
    assert finding.message == "“电公司”疑为“电力公司”或“电网公司”之误（漏了一字）"
    assert finding.evidence["name_list"] == "以行业为名的企业与事业单位"
    assert finding.fix is None


@pytest.mark.parametrize("text", ["省电力公司和市供电公司负责。", "节约用电公司内部也要做到。"])
def test_companies_named_for_their_trade_written_whole_are_not_reported(text):
    assert findings(text, "TM103") == []


def test_a_long_listed_name_less_a_character_is_reported_though_the_rest_reads_as_words():
    # 中国|路上 are words, but eleven characters of a listed name of twelve are no phrase
    (finding,) = findings("由中国路上海局集团有限公司承担运输。", "TM103")
    assert (finding.excerpt, finding.fix.replacement) == ("中国路上海局集团有限公司", "中国铁路上海局集团有限公司")


def test_a_common_character_before_the_ending_is_restored_from_the_word_written_before_it():
    text = "打造国家商贸流中心。建设区域物流中心，发展现代物流，物流成本下降。"
    (finding,) = findings(text, "TM103")
    assert (finding.excerpt, finding.fix.replacement) == ("商贸流中心", "商贸物流中心")


@pytest.mark.parametrize(
    "text",
    [
        "建设二十个县域医疗次中心。门诊人次增长，住院人次下降。",  # the document writes no 人次中心
        "主席包钢作政府工作报告。做好工作，工作到位。",  # nor 工作政府
    ],
)
def test_a_common_character_before_the_ending_without_that_word_before_it_is_not_reported(text):
    assert findings(text, "TM103") == []


def test_a_place_and_a_kind_whose_place_lost_its_second_character_is_restored_from_the_document():
    (finding,) = findings("铜川市统计局报告。陕西省：铜矿务局、蒲白矿务局。", "TM103")
    assert (finding.excerpt, finding.fix.replacement, finding.severity) == ("铜矿务局", "铜川矿务局", "warning")


def test_a_place_and_a_kind_the_document_does_not_settle_names_the_places_it_may_be():
    (finding,) = findings("新汶矿务局、枣庄矿务局、肥矿务局。", "TM103")
    assert finding.message == "“肥矿务局”疑为“肥西矿务局”或“肥东矿务局”或“肥城矿务局”之误（漏了一字）"
    assert finding.fix is None


@pytest.mark.parametrize("text", ["李村卫生室、王庄卫生室", "通知市公安局、县公安局。", "请宝钢铁公司负责。"])
def test_a_character_before_a_kind_inside_a_name_or_before_a_level_is_no_cut_place(text):
    assert findings(text, "TM103") == []


def test_a_kind_less_a_character_after_a_level_alone_is_restored_with_that_level():
    (finding,) = findings("协调电网、省力公司筹集资金。", "TM103")
    assert (finding.excerpt, finding.fix.replacement, finding.severity) == ("省力公司", "省电力公司", "warning")


@pytest.mark.parametrize(
    "text",
    [
        "加强市场监管局建设。",  # 市场监管局 is a kind of its own, not 市|场监管局
        "节省力公司内部开支。",  # no name begins after 节
    ],
)
def test_a_level_alone_before_what_reads_as_a_kind_less_a_character_is_not_always_one(text):
    assert findings(text, "TM103") == []


def test_a_broken_division_is_weighed_by_the_division_not_by_its_place_as_a_word():
    # 合作 is a frequent word, 合作市 a small city: 合市 is 合肥市 less 肥
    (finding,) = findings("通知合市公安局配合。", "TM103")
    assert (finding.excerpt, finding.fix.replacement) == ("合市公安局", "合肥市公安局")


AIRPORT = "北京奥运会首都国际机场协调委员会成立。\n北京奥运会首都国际机场协调委员会负责。\n北京奥运会首都国际机场协调委员会办公。\n"
SURVEY = "组建广州海洋地质调查局。\n广州海洋地质调查局负责。\n广州海洋地质调查局承担。\n"


@pytest.mark.parametrize(
    "text, written, name, dropped",
    [
        (AIRPORT + "领导首都际机场管理委员会做好工作。\n", "首都际机场管理委员会", "首都国际机场管理委员会", "国"),
        (AIRPORT + "领导首都国机场管理委员会做好工作。\n", "首都国机场管理委员会", "首都国际机场管理委员会", "际"),
        (SURVEY + "由石油地质局、海地质局负责。\n", "海地质局", "海洋地质局", "洋"),
    ],
)
def test_a_name_written_once_is_restored_from_a_part_the_document_s_names_share(text, written, name, dropped):
    (finding,) = findings(text, "TM103")
    assert (finding.line, finding.excerpt, finding.fix.replacement) == (4, written, name)
    assert finding.severity == "warning"
    assert finding.message == f"“{written}”疑为“{name}”之误（漏了“{dropped}”）"


@pytest.mark.parametrize(
    "text",
    [
        SURVEY + "由海地质局负责。\n海地质局报告。\n",  # written so twice: the document's own
        "国家农业科学院成立。\n国家农业科学院负责。\n国家农业科学院承担。\n由中国农业发展银行负责。\n",  # 中|国农业
        "中国机械集团成立。\n中国机械集团负责。\n中国机械集团承担。\n引入国机集团。\n",  # 国机械集团 begins with no word
    ],
)
def test_a_part_less_a_character_that_is_no_broken_name_is_not_reported(text):
    assert findings(text, "TM103") == []
