"""The shared page pieces: columns labelled as their model's fields, the import page,
the period report page, the action button and the task-backed detail page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst

from mingzhu.core.excel import DOCX_CONTENT_TYPE, docx_response
from mingzhu.core.tables import Column, fields
from mingzhu.core.views import ObjectListView
from mingzhu.org.models import OrgUnit, User
from mingzhu.risks.models import Hazard


def test_a_column_without_a_label_is_labelled_as_its_field():
    with translation.override("en"):
        assert str(Column("name").for_model(OrgUnit).label) == "Name"
    with translation.override("zh-hans"):
        name = capfirst(OrgUnit._meta.get_field("name").verbose_name)
        assert str(Column("name").for_model(OrgUnit).label) == str(name)
        # Across a relation: the last field's name.
        assert str(Column("unit__name").for_model(User).label) == str(name)
    labelled = Column("name", "Own label")
    assert labelled.for_model(OrgUnit) is labelled


def test_a_list_view_fills_in_its_columns_labels():
    class Listing(ObjectListView):
        model = OrgUnit
        columns = [Column("name", link=True), *fields("code parent"), Column("kind", "K")]

    assert [c.name for c in Listing.columns] == ["name", "code", "parent", "kind"]
    assert all(c.label is not None for c in Listing.columns)
    assert Listing.columns[0].link and Listing.columns[3].label == "K"
    with translation.override("en"):
        assert str(Listing.columns[2].label) == str(
            capfirst(OrgUnit._meta.get_field("parent").verbose_name)
        )


def test_an_unknown_field_is_refused_when_the_page_is_declared():
    with pytest.raises(Exception, match="no_such_field"):

        class Listing(ObjectListView):
            model = OrgUnit
            columns = fields("name no_such_field")


def test_a_docx_download_keeps_its_chinese_name():
    response = docx_response("通报-2025Q1.docx", b"PK")
    assert response["Content-Type"] == DOCX_CONTENT_TYPE
    assert response.content == b"PK"
    assert "UTF-8''%E9%80%9A%E6%8A%A5-2025Q1.docx" in response["Content-Disposition"]


@pytest.mark.parametrize(
    "url",
    ["enterprises:enterprise_import", "enterprises:annualdata_import", "projects:project_import"],
)
def test_an_import_without_a_file_says_so(as_user, gxj, xinba, url):
    user = xinba if url.startswith("projects") else gxj
    client = as_user(user)
    assert client.get(reverse(url)).status_code == 200
    response = client.post(reverse(url), {})
    assert response.status_code == 400
    assert response.context["errors"] == ["请选择 .xlsx、.xls 或 .csv 文件。"]
    assert 'id="import-errors"' in response.content.decode()


def test_the_import_page_answers_403_without_the_permission(as_user, xinba, grid_worker):
    assert as_user(xinba).get(reverse("enterprises:annualdata_import")).status_code == 403
    assert as_user(grid_worker).post(reverse("projects:project_import"), {}).status_code == 403


def test_a_report_page_says_a_malformed_period_and_shows_the_default(as_user, supervisor):
    with translation.override("zh-hans"):
        said = translation.gettext("Dates must look like 2025-12-31.")
    response = as_user(supervisor).get(reverse("tasks:metrics"), {"from": "2025-13-01"})
    assert response.status_code == 200
    today = timezone.localdate()
    assert (response.context["start"], response.context["end"]) == (
        dt.date(today.year, 1, 1),
        today,
    )
    assert said in response.content.decode()
    good = as_user(supervisor).get(
        reverse("tasks:metrics"), {"from": "2025-02-01", "to": "2025-03-01"}
    )
    assert good.context["start"] == dt.date(2025, 2, 1) and said not in good.content.decode()


def test_a_report_page_answers_403_without_the_view_permission(as_user, outsider, leader):
    for name in ("tasks:metrics", "grid:metrics", "risks:metrics", "enterprises:rates"):
        assert as_user(outsider).get(reverse(name)).status_code == 403, name
        assert as_user(leader).get(reverse(name)).status_code == 200, name


def test_the_task_backed_page_shows_the_task_timeline(as_user, leader):
    hazard = Hazard.objects.exclude(task=None).select_related("task").first()
    response = as_user(leader).get(hazard.get_absolute_url())
    assert response.status_code == 200
    assert [e.pk for e in response.context["timeline"]] == [e.pk for e in hazard.task.events.all()]
    assert response.context["task_link"] is True
    assert "photos" in response.context and "sheets" in response.context


def test_an_action_page_may_ask_what_the_task_allows(leader, supervisor):
    from types import SimpleNamespace

    from mingzhu.tasks.actions import available_actions
    from mingzhu.tasks.pages import task_allows

    hazard = Hazard.objects.exclude(task=None).select_related("task").first()
    for user in (leader, supervisor):
        allowed = available_actions(user, hazard.task)
        for name in ("accept", "request_closure", "verify"):
            assert task_allows(name)(user, hazard) is (name in allowed)
    assert task_allows("accept")(leader, SimpleNamespace(task=None)) is False


def test_the_status_column_of_task_backed_records_is_theirs(db):
    from mingzhu.enterprises.models import Demand
    from mingzhu.tasks.tables import STATUS_COLUMN

    for record in (*Demand.objects.exclude(task=None)[:3], Hazard.objects.first()):
        assert STATUS_COLUMN.value(record) == record.get_status_display()
    assert STATUS_COLUMN.joins(Hazard) == []
