"""The debt report pages' downloads: the file's name, its sheet and its rows, and who
may ask for them (the debt readers; saving a plan also needs the plan permission)."""

import io
from urllib.parse import unquote

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_for(as_user, django_user_model):
    return lambda name: as_user(django_user_model.objects.get(username=name))


def _download(response):
    assert response.status_code == 200
    name = unquote(response["Content-Disposition"].split("''")[1])
    sheet = load_workbook(io.BytesIO(response.content)).active
    return name, sheet, [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]


def test_the_wall_export_is_dated_and_lists_each_period(client_for):
    client = client_for("czj")
    page = client.get(reverse("risks:wall"))
    name, sheet, rows = _download(client.get(reverse("risks:wall"), {"export": "xlsx"}))
    assert (
        name == f"Maturity wall-{timezone.localdate():%Y%m%d}.xlsx"
        and sheet.title == "Maturity wall"
    )
    groups = page.context["groups"]
    assert rows[0][1:] == [*groups, "Interest", "Total"]
    assert [row[0] for row in rows[1:]] == [period for period, *_ in page.context["table"]]


def test_the_high_cost_export_lists_what_the_page_finds(client_for):
    client = client_for("czj")
    query = {"threshold": "5", "replace_at": "3"}
    page = client.get(reverse("risks:high_cost"), query)
    name, sheet, rows = _download(
        client.get(reverse("risks:high_cost"), {**query, "export": "xlsx"})
    )
    assert name == "High-cost debt.xlsx" and sheet.title == "High-cost debt"
    assert len(rows[0]) == 7 and len(rows) == 1 + len(page.context["found"])
    assert [row[0] for row in rows[1:]] == [h.row.id for h in page.context["found"]]
    assert [row[2] for row in rows[1:]] == [str(kind) for _h, kind in page.context["rows"]]


def test_the_planner_export_lists_the_moves(client_for):
    client = client_for("czj")
    query = {"window": "12"}
    page = client.get(reverse("risks:planner"), query)
    name, sheet, rows = _download(client.get(reverse("risks:planner"), {**query, "export": "xlsx"}))
    assert name == "Peak shaving.xlsx" and sheet.title == "Peak shaving"
    moves = page.context["moves"]
    assert moves and len(rows) == 1 + len(moves)
    assert rows[1][:3] == [moves[0]["instrument"], moves[0]["from"], moves[0]["to"]]


@pytest.mark.parametrize("page", ["wall", "indicators", "high_cost", "planner"])
def test_the_pages_and_their_downloads_are_the_debt_readers(client_for, page):
    url = reverse(f"risks:{page}")
    assert client_for("fgw").get(url).status_code == 403
    assert client_for("fgw").get(url, {"export": "xlsx"}).status_code == 403
    assert client_for("leader").get(url).status_code == 200


def test_saving_a_plan_needs_the_debt_and_the_plan_permissions(client_for):
    url = reverse("risks:planner")
    assert client_for("fgw").post(url, {"name": "x", "window": "12"}).status_code == 403
    assert client_for("leader").post(url, {"name": "x", "window": "12"}).status_code == 403


def test_the_wall_export_heads_its_first_column_as_the_period_in_chinese(client_for, settings):
    settings.LANGUAGE_CODE = "zh-hans"  # this folder's tests read English pages
    client = client_for("czj")
    with translation.override("zh-hans"):
        response = client.get(reverse("risks:wall"), {"export": "xlsx"})
    assert response.status_code == 200
    heading = load_workbook(io.BytesIO(response.content)).active.cell(row=2, column=1).value
    # "Period" of a report is 期间; 开展时间 (the time a campaign is held) is the grid
    # campaign page's own word for its dates.
    assert heading == "期间"
