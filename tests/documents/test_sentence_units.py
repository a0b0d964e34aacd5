"""Units a row names in a sentence of its own (`县考核办牵头，将…`, `…。县发展改革委负责，各镇
（街道）配合。`, `此项工作由…牵头`) or gives the row's work by a verb of their own
(`县住建局负责做好…`, `县卫健委要牵头推进…`), and the actors of a report or a mechanism who are
no lead; a
纪要's run of orders on how to work whose first runs long; a PDF table's cell merged down over
rows that cross a page break. Composed examples (invented names and figures)."""

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from mingzhu.core.testing import to_pdf
from mingzhu.documents import actions
from mingzhu.documents.decompose import decompose
from mingzhu.documents.reading import read_document

from .test_formats import _pdf, _save, _table


def _rows(text):
    return [(i.title, i.named_lead, tuple(i.named_co)) for i in decompose(text).items]


# --- units named in a sentence of the row ----------------------------------------------------

PLAN = """临溪县2029年重点工作任务分解方案
一、重点任务
1.完善考核办法。县考核办牵头，将重点工作完成情况纳入年度综合考核，县委组织部配合。
2.推进农村公路提档升级。新建农村公路30公里。县交通运输局负责，各镇（街道）配合。
3.强化用地要素保障。统筹盘活存量建设用地，此项工作由县自然资源局牵头
4.加强重大项目储备。每季度更新项目库。县发展改革委、县财政局按职责分工负责。
5.县住建局牵头，推进城区停车场建设，新增停车位500个。
6.实施城乡供水一体化工程，县水务局负责。
7.推进城区危桥改造。完成危桥改造5座，新建人行天桥2座。县交通运输局负责。完成时限：2029年底前。
"""


def test_a_unit_named_as_the_subject_of_a_clause_leads_the_row():
    assert _rows(PLAN) == [
        ("完善考核办法", "县考核办", ("县委组织部",)),
        ("推进农村公路提档升级", "县交通运输局", ("各镇（街道）",)),
        ("强化用地要素保障", "县自然资源局", ()),
        ("加强重大项目储备", "县发展改革委", ("县财政局",)),
        # the clause naming the unit is no part of the row's head
        ("推进城区停车场建设，新增停车位500个", "县住建局", ()),
        ("实施城乡供水一体化工程", "县水务局", ()),
        # the last sentence but a time limit
        ("推进城区危桥改造", "县交通运输局", ()),
    ]
    items = decompose(PLAN).items
    # named by the text: no keyword guess (项目 → 发改委, 公路 → 交通…)
    assert all(i.keyword == "" and i.lead_unit == i.named_lead for i in items)
    assert items[0].unit_words == "县考核办牵头；县委组织部配合"


def test_the_actor_of_a_report_or_a_mechanism_is_no_lead():
    text = (
        "临溪县2029年重点工作任务分解方案\n一、重点任务\n"
        "1.改善办学条件。县财政安排教育经费3000万元。\n"
        "2.推进城东小学建设。县教育局已完成主体工程。\n"
        "3.做好防汛准备。县水利局要负责做好汛前检查。\n"
        "4.推进城西中学建设。县教育局牵头，完成了主体工程。\n"
        "5.加强宣传引导。各级干部负责，各有关部门配合。\n"
        "6.推进数字乡村建设。建立由县委网信办牵头的工作机制。\n"
        "7.推进老旧小区改造。县住建局牵头负责。\n"
        "8.完善基层治理体系。坚持县委领导，县政府负责，部门协同，群众参与。\n"
    )
    rows = _rows(text)
    # (an order to a named unit gives it the row's work: see below)
    assert [r[1] for r in rows] == ["", "", "县水利局", "", "", "", "县住建局", ""]
    assert [r[2] for r in rows] == [()] * 8
    # the keyword guess stays for the rows that name no unit
    assert decompose(text).items[0].keyword == "教育"


# --- a unit given its work by its own verb ----------------------------------------------------

GIVEN = """临溪县2030年重点工作任务分解方案
一、重点任务
1.推进城市更新。县住建局负责做好城市更新项目的谋划和储备。
2.加快项目申报。县发展改革委牵头做好项目申报工作，各镇配合。
3.改善学校办学条件。由县教育局负责抓好校舍维修，年内完成。
4.提升医疗服务能力。新建乡镇卫生院2所。县卫健委要牵头推进县域医共体建设。
5.县自然资源局负责做好耕地占补平衡工作。
6.加强农田水利建设。新修渠道20公里，县水务局牵头抓好工程质量，县财政局、各乡镇配合。
7.推进老旧小区改造。改造老旧小区12个，同时县城管局负责牵头推进配套管网改造。
8.强化安全生产。县应急管理局牵头做好隐患排查，建立由各乡镇参与的联防联控机制。
9.改善农村学校办学条件。县教育局会同县财政局负责做好校舍维修。
"""


def test_a_unit_given_its_work_by_its_own_verb_leads_the_row():
    assert _rows(GIVEN) == [
        ("推进城市更新", "县住建局", ()),
        ("加快项目申报", "县发展改革委", ("各镇",)),
        ("改善学校办学条件", "县教育局", ()),
        ("提升医疗服务能力", "县卫健委", ()),
        # the words giving the work out are no part of the row's head
        ("做好耕地占补平衡工作", "县自然资源局", ()),
        ("加强农田水利建设", "县水务局", ("县财政局", "各乡镇")),
        ("推进老旧小区改造", "县城管局", ()),
        # (the towns serve the mechanism the sentence sets up, not the row)
        ("强化安全生产", "县应急管理局", ()),
        # one unit with another: the first leads
        ("改善农村学校办学条件", "县教育局", ("县财政局",)),
    ]
    items = decompose(GIVEN).items
    assert all(i.keyword == "" and i.lead_unit == i.named_lead for i in items)
    assert [i.unit_words for i in items[:4]] == [
        "县住建局负责",
        "县发展改革委牵头；各镇配合",
        "由县教育局负责",
        "县卫健委要牵头",
    ]


def test_a_unit_s_verb_is_read_in_the_row_s_own_work_only():
    text = (
        "临溪县2030年重点工作任务分解方案\n一、重点任务\n"
        # the sentence after the head, or the last: the row's own work
        "1.推进城市更新。新建口袋公园5个。改造背街小巷12条。县住建局负责做好项目谋划。\n"
        # a sentence in the middle of the row: no lead
        "2.推进城市更新。新建口袋公园5个。县住建局负责做好项目谋划。改造背街小巷12条。\n"
    )
    assert [r[1] for r in _rows(text)] == ["县住建局", ""]


def test_a_unit_s_verb_in_a_report_a_mechanism_or_a_slogan_gives_no_work():
    text = (
        "临溪县2030年重点工作任务分解方案\n一、重点任务\n"
        # reports of work done
        "1.推进城市更新。县住建局负责的城东片区更新项目已完成。\n"
        "2.推进城北小学建设。县教育局负责推进主体工程，截至6月底完成投资1200万元。\n"
        "3.推进城南小学建设。县教育局负责推进了主体工程。\n"
        # the unit the subject of another verb, or the work a relative of a noun
        "4.改善办学条件。县财政安排教育经费3000万元。\n"
        "5.推进城东小学建设。县教育局已完成主体工程。\n"
        "6.加强项目储备。县住建局负责的项目库每季度更新。\n"
        "7.推进文明创建。县文明办负责人要抓好督查。\n"
        # a mechanism a sentence names
        "8.推进数字乡村建设。建立由县委网信办牵头、各部门负责落实的工作机制。\n"
        "9.强化安全生产。建立县应急管理局牵头，各部门参与的联席会议制度。\n"
        "10.深化放管服改革。成立由县长任组长，县政务服务中心负责日常工作的领导小组。\n"
        # general actors
        "11.加强政策宣传。各级各部门负责做好政策解读，年内完成。\n"
        "12.做好安全监管。各有关部门负责抓好本行业安全监管。\n"
        # a slogan on how work is shared
        "13.完善基层治理。坚持党委领导、政府负责、部门协同，推动形成共建共治共享格局。\n"
        # a unit another acts on
        "14.加强燃气安全管理。督促县燃气公司负责做好管道巡查。\n"
        # beside them, the work given to a unit
        "15.推进城西小学建设。县教育局负责推进主体工程，年内完成。\n"
    )
    rows = _rows(text)
    assert [r[1] for r in rows] == [""] * 14 + ["县教育局"]
    assert [r[2] for r in rows] == [()] * 15


@pytest.mark.tree
def test_a_unit_given_its_work_by_its_verb_is_matched_as_a_note_s_is(supervisor):
    text = (
        "临溪县2030年重点工作任务分解方案\n一、重点任务\n"
        "1.加快项目申报。县发展改革委牵头做好项目申报工作，县财政局配合。\n"
    )
    document = actions.load_document(actor=supervisor, text=text)
    (item,) = document.items.prefetch_related("co_units")
    assert item.lead_unit.code == "YZ-DEPT-FGW"
    assert [u.code for u in item.co_units.all()] == ["YZ-DEPT-CZJ"]
    assert item.unmatched_units == "" and item.keyword == ""


def test_an_item_s_own_sentence_names_its_lead_before_its_heading():
    text = (
        "临溪县2029年重点工作任务分解方案\n一、县发展改革委牵头工作\n"
        "1.编制县域国土空间规划。县自然资源局负责。\n"
        "2.推进重大项目前期工作。\n"
    )
    assert [r[1] for r in _rows(text)] == ["县自然资源局", "县发展改革委"]


@pytest.mark.tree
def test_units_named_in_a_sentence_are_matched_as_a_note_s_are(supervisor):
    text = (
        "临溪县2029年重点工作任务分解方案\n一、重点任务\n"
        "1.加强重大项目储备。县发展改革委负责，县财政局配合。\n"
        "2.推进城乡融合发展。县城乡融合发展服务中心牵头。\n"
    )
    document = actions.load_document(actor=supervisor, text=text)
    first, second = document.items.prefetch_related("co_units").order_by("sort_order")
    assert first.lead_unit.code == "YZ-DEPT-FGW"
    assert [u.code for u in first.co_units.all()] == ["YZ-DEPT-CZJ"]
    assert first.unmatched_units == ""
    # a name that matches no unit of the tree: shown for correction, no guess
    assert second.lead_unit is None and second.unmatched_units == "县城乡融合发展服务中心"
    assert second.keyword == ""


# --- a 纪要's orders on how to work -----------------------------------------------------------


def test_a_minutes_run_of_orders_whose_first_runs_long_is_no_rows():
    for first in (
        "会议要求,一是要进一步加强组织领导,各责任单位要成立专门班子。",
        "会议要求，一是要进一步加强组织领导，成立创建工作领导小组，各责任单位要成立专门工作班子。",
    ):
        text = (
            "江澄县人民政府第15次常务会议纪要\n一、研究创建省级卫生县城工作\n"
            f"{first}二是要进一步营造创建工作氛围,每月调度一次。"
            "三是要进一步压实工作责任,定期通报情况。\n"
            "会议就有关具体事项明确如下:\n"
            "1.关于创建工作经费问题。县财政安排县卫健局创建工作经费60万元。\n"
        )
        assert [r[0] for r in _rows(text)] == ["关于创建工作经费问题"], first
    # orders of work stay rows, whether or not they tell the units too
    for first in (
        "会议要求,一是要加快推进城东片区棚户区改造项目征收工作,确保9月底前完成签约,各镇要全力配合。",
        "会议要求,一是要加快城东片区棚户区改造,确保9月底前完成签约。",
        "会议要求,一是要加快城东片区棚户区改造,各镇要全力配合。",
    ):
        text = (
            "江澄县人民政府第16次常务会议纪要\n一、研究城东片区棚户区改造工作\n"
            f"{first}二是要加快安置房建设,年底前完成主体工程。"
            "三是要进一步压实工作责任,定期通报情况。\n"
            "会议就有关具体事项明确如下:\n"
            "1.关于改造工作经费问题。县财政安排县住建局改造工作经费60万元。\n"
        )
        assert len(_rows(text)) == 4, first


# --- a PDF table's cell merged down over a page break ---------------------------------------


def _table_over_two_pages(leads):
    """A 分解表 of six rows, two on the first page and four on the second, ruled between
    its rows except where a lead cell is merged; ``leads``: the lead cell printed in each
    row (None where it is blank) and the rows each cell covers."""
    size = 11
    header = [
        (77, 160, 12, "序号"),
        (120, 160, 12, "工作任务"),
        (330, 160, 12, "牵头单位"),
        (450, 160, 12, "完成时限"),
    ]
    tops = [(0, 142), (0, 124), (1, 706), (1, 688), (1, 670), (1, 652)]
    works = [
        "建成示范街区2个",
        "新增停车泊位300个",
        "改造背街小巷12条",
        "新建口袋公园5个",
        "新建公共厕所8座",
        "改造农贸市场1个",
    ]
    pages = [[(72, 760, 16, "示例县2031年城市更新任务分解表"), *header], []]
    for n, ((page, y), work, lead) in enumerate(zip(tops, works, leads[0], strict=True), 1):
        pages[page] += [
            (77, y, size, str(n)),
            (120, y, size, work),
            (450, y, size, f"2031年{n + 5}月底前"),
        ]
        if lead:
            pages[page].append((330, y, size, lead))
    pages[0].append((280, 40, 14, "— 1 —"))
    pages[1].append((280, 40, 14, "— 2 —"))
    # the rules a word processor draws: around the header, between the rows (not across the
    # lead's column inside a merged cell), and across the table where a page closes its part
    # and where the next opens it again
    drawn = [
        [(70, 174, 520, 174), (70, 155, 520, 155), (70, 118, 520, 118)],
        [(70, 720, 520, 720), (70, 646, 520, 646)],
    ]
    covers = leads[1]
    for k in range(len(tops) - 1):
        (page, y), (next_page, _y) = tops[k], tops[k + 1]
        if page != next_page:
            continue
        rule = y - 5
        if any(k in c and k + 1 in c for c in covers):
            drawn[page] += [(70, rule, 325, rule), (440, rule, 520, rule)]
        else:
            drawn[page].append((70, rule, 520, rule))
    return pages, drawn


def test_a_lead_merged_down_over_a_page_break_leads_each_row_it_covers():
    # printed in the cell's first row, on the first page
    leads = (["县甲局", None, None, None, None, "县乙局"], [{0, 1, 2, 3, 4}])
    pages, drawn = _table_over_two_pages(leads)
    text, _used = read_document(_pdf(pages, drawn), "分解表.pdf")
    assert [i.named_lead for i in decompose(text).items] == ["县甲局"] * 5 + ["县乙局"]
    # centred: printed in a row on the second page
    leads = ([None, None, "县甲局", None, None, "县乙局"], [{0, 1, 2, 3, 4}])
    pages, drawn = _table_over_two_pages(leads)
    text, _used = read_document(_pdf(pages, drawn), "分解表.pdf")
    assert [i.named_lead for i in decompose(text).items] == ["县甲局"] * 5 + ["县乙局"]
    # the header repeated at the top of the second page: the table and the cell go on below it
    pages, drawn = _table_over_two_pages(leads)
    pages[1] += [(77, 730, 12, "序号"), (120, 730, 12, "工作任务")]
    pages[1] += [(330, 730, 12, "牵头单位"), (450, 730, 12, "完成时限")]
    drawn[1].append((70, 740, 520, 740))
    text, _used = read_document(_pdf(pages, drawn), "分解表.pdf")
    assert [i.named_lead for i in decompose(text).items] == ["县甲局"] * 5 + ["县乙局"]
    assert [i.title for i in decompose(text).items][2] == "改造背街小巷12条"
    # two merged cells meeting at the break, each printed: two leads
    leads = (["县甲局", None, "县丙局", None, None, "县乙局"], [{0, 1}, {2, 3, 4}])
    pages, drawn = _table_over_two_pages(leads)
    text, _used = read_document(_pdf(pages, drawn), "分解表.pdf")
    assert [i.named_lead for i in decompose(text).items] == (
        ["县甲局"] * 2 + ["县丙局"] * 3 + ["县乙局"]
    )
    # a blank cell under a page break with no merge shown on the page before: blank
    leads = (["县甲局", "县丁局", None, None, None, "县乙局"], [{2, 3, 4}])
    pages, drawn = _table_over_two_pages(leads)
    text, _used = read_document(_pdf(pages, drawn), "分解表.pdf")
    assert [i.named_lead for i in decompose(text).items] == (
        ["县甲局", "县丁局", "", "", "", "县乙局"]
    )


@pytest.mark.parametrize("repeated", [False, True])
def test_a_lead_merged_over_a_page_break_in_a_printed_word_table_leads_each_row(tmp_path, repeated):
    # ``repeated``: the header row repeated at the top of the next page (Word's 标题行重复)
    document = docx.Document()
    document.add_paragraph("示例县2031年城市更新任务分解表")
    for _ in range(30):  # the table starts near the foot of the page
        document.add_paragraph("示例段落，说明任务分解的依据和要求，占据页面的空间。" * 3)
    rows = [("序号", "工作任务", "牵头单位", "完成时限")]
    rows += [
        (str(n), f"示例工作任务第{n}项，新建口袋公园{n}个", None, f"2031年{n + 5}月底前")
        for n in range(1, 7)
    ]
    table = _table(document, rows)
    table.style = "Table Grid"
    table.cell(1, 2).text = "县甲局"
    table.cell(6, 2).text = "县乙局"
    table.cell(1, 2).merge(table.cell(5, 2))
    if repeated:
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        table.rows[0]._tr.get_or_add_trPr().append(header)
    source = tmp_path / "分解表.docx"
    source.write_bytes(_save(document))
    (printed,) = to_pdf([source], tmp_path)
    from_pdf, _used = read_document(printed.read_bytes(), "分解表.pdf")
    from_word, _used = read_document(source.read_bytes(), "分解表.docx")
    leads = [i.named_lead for i in decompose(from_pdf).items]
    assert leads == ["县甲局"] * 5 + ["县乙局"]
    assert leads == [i.named_lead for i in decompose(from_word).items]


def test_a_unit_whose_name_holds_a_word_of_a_sentence_still_leads():
    # 自由贸易 holds 由, 均安 均, 都江 都: words a sentence's clause is refused by elsewhere
    text = (
        "临溪县2029年开放型经济工作任务分解\n一、重点任务\n"
        "1.扩大对外贸易。临溪自由贸易试验区管委会牵头，县商务局配合。\n"
        "2.建设均安工业园区。均安镇负责，县发展改革委配合。\n"
        "3.提升都江片区功能。都江街道负责。\n"
    )
    assert _rows(text) == [
        ("扩大对外贸易", "临溪自由贸易试验区管委会", ("县商务局",)),
        ("建设均安工业园区", "均安镇", ("县发展改革委",)),
        ("提升都江片区功能", "都江街道", ()),
    ]


def test_a_unit_given_its_work_after_a_word_of_time_leads_the_row():
    text = (
        "临溪县2029年重点工作任务分解\n一、重点任务\n"
        "1.推进城市更新。今年县住建局负责做好城市更新项目谋划。\n"
        "2.加快项目申报。下一步，县发展改革委牵头做好项目申报，各镇配合。\n"
    )
    assert _rows(text) == [
        ("推进城市更新", "县住建局", ()),
        ("加快项目申报", "县发展改革委", ("各镇",)),
    ]
