"""The shared page pieces: a summary page's period read from the query, its Excel export,
a download refusing a bad period, the bar-chart data, the day a page is seen on; a detail
page's related records (in scope, in the order asked for) and permission flags, the task's
timeline on a task-backed object's page; list columns from short specs."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, QueryDict
from django.test import RequestFactory
from django.utils import timezone
from django.utils.translation import gettext as _

from mingzhu.core import periods
from mingzhu.core.reports import ReportView, bar_chart, docx_response, number
from mingzhu.tasks.models import Task


def test_quarter_from_a_query_string():
    today = timezone.localdate()
    assert periods.quarter(QueryDict("quarter=2025Q3")) == (2025, 3, None)
    assert periods.quarter(QueryDict("")) == (*periods.quarter_of(today), None)
    year, quarter, error = periods.quarter(QueryDict("quarter=2025Q9"))
    assert (year, quarter) == periods.quarter_of(today)
    assert error == _("A quarter looks like 2025Q3.") == "季度格式如 2025Q3。"


def test_bar_chart_data():
    rows = [{"name": "新坝镇", "rate": Decimal("12.5")}, {"name": "油坊镇", "rate": None}]
    chart = bar_chart(
        rows, ("率", lambda r: number(r["rate"])), ("双倍", lambda r: 2, {"mark": 50})
    )
    assert chart == {
        "names": ["新坝镇", "油坊镇"],
        "series": [
            {"name": "率", "data": [12.5, None]},
            {"name": "双倍", "data": [2, 2], "mark": 50},
        ],
    }


def test_docx_response_names_the_file():
    response = docx_response("通报 2025Q3.docx", b"PK")
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert "filename*=UTF-8''%E9%80%9A%E6%8A%A5%202025Q3.docx" in response["Content-Disposition"]


class _Tasks(ReportView):
    model = Task
    period = "year"
    template_name = "core/home.html"
    seen: dict = {}

    def report(self, year):
        _Tasks.seen = {"year": year, "count": self.restricted("view").count()}
        return {"roles": [], "unit_count": 0}

    def export_table(self, kind, context):
        if kind == "xlsx":
            return f"任务 {context['year']}", ["年份"], [[context["year"]]]
        return None


class _Download(_Tasks):
    strict_period = True
    required = "add"

    def report(self, year):
        return HttpResponse(f"file {year}")


def _get(view, user, query=""):
    request = RequestFactory().get("/report/", QueryDict(query))
    request.user = user
    request.htmx = False
    request.session = {}
    request._messages = FallbackStorage(request)
    return request, view.as_view()(request)


@pytest.mark.django_db
def test_report_page_reads_its_period_and_falls_back_with_a_message(leader):
    request, response = _get(_Tasks, leader, "year=2024")
    assert response.status_code == 200
    assert _Tasks.seen["year"] == 2024
    assert _Tasks.seen["count"] == Task.objects.restrict(leader, "view").count()
    assert list(get_messages(request)) == []

    request, response = _get(_Tasks, leader, "year=abc")
    assert response.status_code == 200
    assert _Tasks.seen["year"] == timezone.localdate().year
    assert [str(m) for m in get_messages(request)] == [_("The year must be a number such as 2025.")]


@pytest.mark.django_db
def test_report_export_is_the_table_as_xlsx(leader):
    from openpyxl import load_workbook

    response = _get(_Tasks, leader, "year=2024&export=xlsx")[1]
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet["A1"].value.startswith("任务 2024（全市，截至")  # the leader sees all
    assert [c.value for c in sheet[2]] == ["年份"]
    assert sheet["A3"].value == 2024
    # A kind the page does not export: the page itself.
    response = _get(_Tasks, leader, "year=2024&export=pdf")[1]
    assert response["Content-Type"].startswith("text/html")


def _someone(may_add: bool):
    """A demo user who may view tasks, and who may (or may not) add them."""
    from mingzhu.org.models import User

    users = User.objects.filter(is_active=True).order_by("pk")
    return next(
        u
        for u in users
        if u.has_perm("tasks.view_task") and u.has_perm("tasks.add_task") == may_add
    )


@pytest.mark.django_db
def test_report_page_needs_its_permission(outsider):
    assert not outsider.has_perm("tasks.view_task")
    with pytest.raises(PermissionDenied):
        _get(_Tasks, outsider)
    # A download needing the add permission refuses a mere reader.
    reader = _someone(may_add=False)
    assert _get(_Tasks, reader)[1].status_code == 200
    with pytest.raises(PermissionDenied):
        _get(_Download, reader)


@pytest.mark.django_db
def test_a_download_refuses_a_bad_period():
    issuer = _someone(may_add=True)
    response = _get(_Download, issuer, "year=2025")[1]
    assert response.content == b"file 2025"
    response = _get(_Download, issuer, "year=20x5")[1]
    assert response.status_code == 400
    assert response.content.decode() == _("The year must be a number such as 2025.")


def _detail(user, **attrs):
    from mingzhu.core.views import ObjectDetailView
    from mingzhu.org.models import OrgUnit

    view = type("UnitDetail", (ObjectDetailView,), {"model": OrgUnit, **attrs})()
    view.request = RequestFactory().get("/")
    view.request.user = user
    return view


@pytest.mark.django_db
def test_related_records_are_those_in_scope(leader, xinba):
    from mingzhu.core.views import Related
    from mingzhu.org.models import OrgUnit

    root = OrgUnit.objects.get(pk=xinba.unit_id).parent  # the city above the town
    related = {"units": Related("children", "parent"), "first": Related("children", limit=1)}
    flags = {"can_add_task": "tasks.add_task"}
    every = _detail(leader, related=related, permission_flags=flags).listed_context(root)
    assert set(every["units"]) == set(root.children.all()) and len(every["units"]) > 1
    assert len(every["first"]) == 1
    assert every["can_add_task"] == leader.has_perm("tasks.add_task")
    town = _detail(xinba, related=related).listed_context(root)["units"]
    assert set(town) == set(OrgUnit.objects.restrict(xinba, "view").filter(parent=root))
    assert set(town) < set(every["units"])


@pytest.mark.django_db
def test_related_records_keep_the_order_asked_for(leader, xinba):
    from mingzhu.core.views import Related
    from mingzhu.org.models import OrgUnit

    root = OrgUnit.objects.get(pk=xinba.unit_id).parent
    newest = Related("children", order=("-pk",), prefetch=("children",), limit=3)
    records = _detail(leader, related={"units": newest}).listed_context(root)["units"]
    assert [u.pk for u in records] == list(
        root.children.order_by("-pk").values_list("pk", flat=True)[:3]
    )


def test_the_day_a_page_is_seen_on_is_today_unless_the_query_names_one():
    assert periods.day(QueryDict("as_of=2026-03-31"))[0].isoformat() == "2026-03-31"
    today = (timezone.localdate(), None)
    assert periods.day(QueryDict("")) == periods.day(QueryDict("as_of=31.3.")) == today


@pytest.mark.django_db
def test_task_detail_mixin_shows_the_timeline_to_those_who_may_see_the_task(leader, outsider):
    from types import SimpleNamespace

    from mingzhu.tasks.pages import TaskDetailMixin

    class Base:
        def object_context(self, obj):
            return {"object": obj}

    class Page(TaskDetailMixin, Base):
        pass

    task = Task.objects.filter(events__isnull=False).first()
    page = Page()
    page.request = SimpleNamespace(user=leader)
    context = page.object_context(SimpleNamespace(task=task))
    assert list(context["timeline"]) == list(task.events.order_by("at", "pk"))
    assert context["task_link"] is True
    page.request = SimpleNamespace(user=outsider)
    assert page.object_context(SimpleNamespace(task=task))["task_link"] is False
    empty = page.object_context(SimpleNamespace(task=None))
    assert (empty["timeline"], empty["task_link"]) == ([], False)


def test_columns_from_short_specs():
    from django.core.exceptions import FieldDoesNotExist
    from django.utils.text import capfirst

    from mingzhu.core.tables import Column, columns_for
    from mingzhu.org.models import OrgUnit, User

    label = Column("n", "编号", accessor=lambda u: u.pk)
    columns = columns_for(User, ["username", "unit__parent", ("unit", "单位"), label])
    assert [c.name for c in columns] == ["username", "unit__parent", "unit", "n"]
    assert str(columns[0].label) == capfirst(str(User._meta.get_field("username").verbose_name))
    # A path is headed by the field it ends at: the unit's parent.
    assert str(columns[1].label) == capfirst(str(OrgUnit._meta.get_field("parent").verbose_name))
    assert columns[2].label == "单位" and columns[3] is label
    assert [c.link for c in columns] == [True, False, False, False]
    with pytest.raises(FieldDoesNotExist):
        columns_for(User, ["no_such_field"])
