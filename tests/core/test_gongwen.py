"""One 公文 builder: the shipped template after GB/T 9704-2012, an office's own template
used instead, and every notice opened again in python-docx and in LibreOffice."""

import datetime as dt
import io
import zipfile

from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn

from mingzhu.appraisal.models import AppraisalResult
from mingzhu.core import gongwen
from mingzhu.core.docx import build
from mingzhu.core.testing import open_gongwen, pdf_pages_of

DAY = dt.date(2026, 12, 4)


def _notice(**values):
    return gongwen.Notice(
        **{
            "organ": "扬中市发展和改革委员会",
            "title": "关于A<B & C的通知",
            "addressees": "各镇（街道、园区）",
            "body": [
                "正文第一段。",
                gongwen.Heading("一、总体要求"),
                gongwen.Table(["序号", "单位"], [["1", gongwen.Cell("新坝镇", color="C00000")]]),
            ],
            "signer": "扬中市发展和改革委员会",
            "dated": DAY,
            "number": "扬发改〔2026〕12号",
            "cc": "市委、市政府领导",
            **values,
        }
    )


def _texts(doc):
    return [p.text for p in doc.paragraphs]


def test_a_notice_has_the_gongwen_layout_and_its_parts():
    doc = open_gongwen(gongwen.render(_notice()))
    texts = _texts(doc)
    assert "扬中市发展和改革委员会" in texts and "扬发改〔2026〕12号" in texts
    assert "关于A<B & C的通知" in texts  # escaped for the XML, read back as typed
    assert "各镇（街道、园区）：" in texts
    assert "2026年12月4日" in texts  # the date under the 落款
    assert "抄送：市委、市政府领导。" in texts
    assert texts[-1] == "扬中市发展和改革委员会\t2026年12月4日印发"
    header = doc.tables[0].rows[0]._tr
    assert header.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None  # repeats
    body = next(p for p in doc.paragraphs if p.text == "正文第一段。")
    assert body.paragraph_format.first_line_indent.pt == 32  # two characters
    grid = doc.tables[0]._tbl.tblGrid.findall(qn("w:gridCol"))
    assert [round(int(c.get(qn("w:w"))) / 56.7) for c in grid] == [78, 78]  # mm, 156 in all
    cell = doc.tables[0].rows[1].cells[1].paragraphs[0].runs[0]
    assert str(cell.font.color.rgb) == "C00000"


def test_without_a_number_or_copies_it_leaves_the_number_blank_and_no_cc_line():
    doc = open_gongwen(gongwen.render(_notice(number="", cc="")))
    texts = _texts(doc)
    assert "〔2026〕　号" in texts
    assert not any(t.startswith("抄送") for t in texts)


def test_the_fonts_name_what_to_use_where_the_gongwen_fonts_are_missing():
    with zipfile.ZipFile(io.BytesIO(gongwen.render(_notice()))) as docx:
        fonts = docx.read("word/fontTable.xml").decode()
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in fonts
    assert '<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>' in fonts


def test_the_shipped_template_is_what_its_script_builds(tmp_path):
    fresh = build.build_notice_template(tmp_path / "notice.docx")
    parts = ("word/document.xml", "word/styles.xml", "word/fontTable.xml", "word/settings.xml")
    with zipfile.ZipFile(fresh) as new, zipfile.ZipFile(build.NOTICE) as shipped:
        for part in parts:
            assert new.read(part) == shipped.read(part), part


def test_an_office_template_is_used_for_its_kind(tmp_path, settings):
    own = Document(str(build.NOTICE))
    own.add_paragraph("本单位自定义模板")
    own.save(str(tmp_path / "supervision.docx"))
    settings.DOCX_TEMPLATES = str(tmp_path)
    assert gongwen.template_path("supervision") == tmp_path / "supervision.docx"
    assert gongwen.template_path("flags") == build.NOTICE  # no own template of that kind
    sheet = Document(io.BytesIO(gongwen.render(_notice(kind="supervision"))))
    assert "本单位自定义模板" in _texts(sheet)
    other = Document(io.BytesIO(gongwen.render(_notice(kind="flags"))))
    assert "本单位自定义模板" not in _texts(other)


def test_a_city_department_signs_with_the_city_s_name(db, unit):
    assert gongwen.organ_name(unit("YZ-DEPT-FGW")) == "扬中市发展和改革委员会"
    assert gongwen.organ_name(unit("YZ-XINBA")) == "新坝镇"


def _flags(client):
    result = AppraisalResult.objects.filter(status="published").first()
    return client.get(f"/appraisal/results/{result.pk}/notice/")


def _ranking(client):
    today = timezone.localdate()
    return client.get(f"/rural/ranking/notice.docx?quarter={today.year}Q{(today.month + 2) // 3}")


def _rates(client):
    return client.get(
        "/livelihood/rates/notice.docx", {"month": timezone.localdate().strftime("%Y-%m")}
    )


NOTICES = [
    ("sanmao", _flags, "结果的通报"),
    ("nyj", _ranking, "农村人居环境检查排名"),
    ("leader", _rates, "三率”红黑榜"),
]


def test_every_notice_is_an_a4_gongwen_in_libreoffice(as_user, request, tmp_path):
    files = {}
    for persona, fetch, title in NOTICES:
        response = fetch(as_user(request.getfixturevalue(persona)))
        assert response.status_code == 200, persona
        doc = open_gongwen(response.content)
        assert any(title in t for t in _texts(doc)), title
        files[f"{persona}.docx"] = response.content
    # One LibreOffice run converts them all.
    printed = pdf_pages_of(files, tmp_path)
    assert set(printed) == set(files)
    for name, pages in printed.items():
        assert pages and all(page == (210, 297) for page in pages), name
