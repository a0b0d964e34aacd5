"""The form renderer draws selects in Python: the markup must be the templates' own."""

import datetime as dt

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils.safestring import mark_safe

from mingzhu.core.renderers import FormRenderer
from mingzhu.core.views import style_form


class Choices(forms.Form):
    plain = forms.ChoiceField(choices=[("a", "甲"), ("b", "乙 & <丙>"), ("", "——")])
    grouped = forms.ChoiceField(
        choices=[
            ("镇", [("x", "新坝镇"), ("y", 'say "hi"')]),
            ("街道", [(1, "三茅街道"), (2, mark_safe("<b>兴隆</b>"))]),
            ("none", "无分组"),
        ],
        required=False,
    )
    many = forms.MultipleChoiceField(choices=[(1, "一"), (2, "二"), (3, "三")], required=False)
    year = forms.TypedChoiceField(choices=[(2025, 2025), (2026, 2026)], coerce=int)
    flag = forms.NullBooleanField(widget=forms.NullBooleanSelect)
    day = forms.ChoiceField(choices=[(dt.date(2026, 1, 2), dt.date(2026, 1, 2))], required=False)
    text = forms.CharField(required=False)
    pick = forms.ChoiceField(
        choices=[("r", "红")],
        widget=forms.Select(attrs={"data-x": 'a"b', "disabled": True, "hidden": False}),
    )


def _drawn_as_the_templates_draw(form) -> None:
    """Every widget of ``form`` drawn by the Python renderer as Django's templates draw it."""
    style_form(form)
    stock, fast = DjangoTemplates(), FormRenderer()
    for field in form:
        widget = field.field.widget
        context = widget.get_context(field.html_name, field.value(), field.build_widget_attrs({}))
        expected = stock.render(widget.template_name, context)
        assert fast.render(widget.template_name, context) == expected, field.name


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"plain": "b", "grouped": "2", "many": ["1", "3"], "year": "2026", "flag": "true"},
        {"plain": "<script>", "grouped": "x", "many": ["9"], "flag": "false", "pick": "r"},
    ],
)
def test_the_python_select_is_the_templates_select(data):
    form = Choices(data)
    _drawn_as_the_templates_draw(form)


class Inputs(forms.Form):
    text = forms.CharField(required=False)
    day = forms.DateField(required=False)
    number = forms.IntegerField(required=False)
    amount = forms.DecimalField(required=False)
    mail = forms.EmailField(required=False)
    link = forms.URLField(required=False, assume_scheme="https")
    search = forms.CharField(widget=forms.TextInput(attrs={"type": "search"}), required=False)
    phone = forms.CharField(widget=forms.TextInput(attrs={"inputmode": "tel"}), required=False)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    at = forms.TimeField(required=False)
    marked = forms.CharField(
        widget=forms.TextInput(attrs={"data-x": 'a"<b>', "readonly": True, "hidden": False}),
        required=False,
    )


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"text": "", "day": "2026-01-02", "number": "12", "amount": "1234.5", "at": "08:30"},
        {"text": '<script>"&', "day": "not a day", "number": "x", "mail": "a@b", "link": "x"},
        {"marked": "甲乙", "search": "路灯", "phone": "123", "secret": "p&w"},
    ],
)
def test_the_python_input_is_the_templates_input(data):
    form = Inputs(data, initial={"day": dt.date(2026, 3, 4), "number": 7})
    _drawn_as_the_templates_draw(form)
    safe = forms.TextInput().get_context("q", mark_safe("<b>"), {})
    text = "django/forms/widgets/text.html"
    assert FormRenderer().render(text, safe) == DjangoTemplates().render(text, safe)


def test_the_site_uses_it_and_the_page_shows_the_same_form():
    assert isinstance(get_default_renderer(), FormRenderer)
    form = Choices({"plain": "a", "grouped": "1"})
    assert str(form) == form.render(renderer=DjangoTemplates())
    html = str(form["grouped"])
    assert '<optgroup label="街道">' in html
    assert '<option value="1" selected>三茅街道</option>' in html
    assert "<b>兴隆</b>" in html  # marked safe, as the template leaves it
    assert "乙 &amp; &lt;丙&gt;" in str(form["plain"])


def _tbody(response) -> str:
    html = response.content.decode()
    return html[html.index("<tbody>") : html.index("</tbody>")]


@pytest.mark.parametrize(
    ("persona", "url", "in_python"),
    [
        ("supervisor", "/tasks/", True),  # the ledger's own rows (tick boxes, badges)
        ("sanmao", "/tasks/?show=all", True),
        ("sanmao", "/tasks/inbox/", True),
        ("leader", "/risks/hazards/", True),  # the core table's rows
        ("leader", "/grid/events/", True),  # cards titled by what happened
        ("rexian", "/livelihood/requests/", True),
        ("gxj", "/enterprises/demands/", True),
        ("supervisor", "/tasks/lists/", True),
        ("leader", "/projects/", True),  # prose, amounts, compact days
        ("leader", "/org/units/", False),  # its template changes the blocks
    ],
)
def test_rows_drawn_in_python_are_the_templates_rows(as_user, request, persona, url, in_python):
    from mingzhu.core.views import ObjectListView

    client = as_user(request.getfixturevalue(persona))
    drawn_rows = ObjectListView.drawn_rows
    seen = []

    def spy(self, rows, context):
        seen.append(drawn_rows(self, rows, context))
        return seen[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ObjectListView, "drawn_rows", spy)
        drawn = client.get(url)
    assert drawn.status_code == 200
    assert bool(seen[0]) is in_python
    assert drawn.content.decode().count("<tr") > 5, "the page shows rows to compare"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ObjectListView, "drawn_rows", lambda self, rows, context: "")
        by_template = client.get(url)
    assert _tbody(drawn) == _tbody(by_template)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("grouped", [False, True])
def test_a_plain_number_shows_as_the_template_shows_it(settings, language, grouped):
    """``shown`` writes a plain int itself (no thousands separator set): the same as
    ``{{ value }}``; with the separator set it leaves the number to Django."""
    from django.template.base import render_value_in_context
    from django.utils import translation

    from mingzhu.core.renderers import TEMPLATE, shown

    settings.USE_THOUSAND_SEPARATOR = grouped
    with translation.override(language):
        for value in [0, 7, -42, 1234567, 10**20, True, False, 3.5]:
            assert shown(value) == render_value_in_context(value, TEMPLATE), value
    if grouped:
        with translation.override("en"):
            assert shown(1234567) == "1,234,567"


@pytest.mark.parametrize(
    ("persona", "url", "title", "hidden"),
    [
        ("rexian", "/livelihood/requests/", r"\S+ · \S+", ("诉求类别", "地点")),
        ("gxj", "/enterprises/demands/", r"\S+ · \S+", ("类别", "企业")),
        ("leader", "/targets/observations/", r"\S+ · \S+ · \d{4}\S*", ("指标", "单位", "期间")),
    ],
)
def test_a_card_says_what_the_record_is_about(as_user, request, persona, url, title, hidden):
    """On a phone the list's cards are titled by what each record is about, its number
    under the title; the table keeps the number as its first column and every column."""
    import re

    page = as_user(request.getfixturevalue(persona)).get(url).content.decode()
    rows = re.findall(r"<tr>.*?</tr>", _tbody_text(page), re.S)
    assert len(rows) > 3
    for row in rows:
        summary = re.search(r'class="card-only card-summary">(.*?)</span>', row).group(1)
        assert re.fullmatch(title, summary), summary
        under = re.search(r'class="card-only[^"]*card-under">(.*?)</div>', row).group(1)
        number = re.search(r'class="table-only">(.*?)</span>', row).group(1)
        assert under == f"编号 {number}" or under.startswith(f"编号 {number} · ")
        for label in hidden:
            assert f'<td class="table-only" data-label="{label}">' in row


def _tbody_text(html: str) -> str:
    return html[html.index("<tbody>") : html.index("</tbody>")]
