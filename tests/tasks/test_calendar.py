"""The working-day calendar: the 节假日安排 table, the statutory fallback for a year not
entered, its warnings (pages, commands, `mingzhu check`) and the administrator's pages."""

import datetime as dt
import io

import chinese_calendar
import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.management import CommandError, call_command
from django.http import HttpResponse, HttpResponseRedirect
from django.utils import timezone

from mingzhu.core.excel import write_xlsx
from mingzhu.core.tabular import WorkbookError
from mingzhu.tasks import calendar, services
from mingzhu.tasks.choices import DayKind, DeadlineBasis, Status
from mingzhu.tasks.middleware import HEADER, CalendarWarningMiddleware
from mingzhu.tasks.models import HolidayDay, HolidayYear

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

D = dt.date
HOLIDAY, WORKDAY = DayKind.HOLIDAY, DayKind.WORKDAY


def span(first: D, last: D) -> set[D]:
    return {first + dt.timedelta(days=i) for i in range((last - first).days + 1)}


# The State Council's notices (国务院办公厅关于2025年/2026年部分节假日安排的通知): the days
# off and the weekend days worked to make up for them.
NOTICES = {
    2025: (
        {D(2025, 1, 1)}
        | span(D(2025, 1, 28), D(2025, 2, 4))
        | span(D(2025, 4, 4), D(2025, 4, 6))
        | span(D(2025, 5, 1), D(2025, 5, 5))
        | span(D(2025, 5, 31), D(2025, 6, 2))
        | span(D(2025, 10, 1), D(2025, 10, 8)),
        {D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11)},
    ),
    2026: (
        span(D(2026, 1, 1), D(2026, 1, 3))
        | span(D(2026, 2, 15), D(2026, 2, 23))
        | span(D(2026, 4, 4), D(2026, 4, 6))
        | span(D(2026, 5, 1), D(2026, 5, 5))
        | span(D(2026, 6, 19), D(2026, 6, 21))
        | span(D(2026, 9, 25), D(2026, 9, 27))
        | span(D(2026, 10, 1), D(2026, 10, 7)),
        {D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20)}
        | {D(2026, 10, 10)},
    ),
}


@pytest.fixture
def without(keep_calendar):
    """without(*years): those years' arrangements removed in this test."""

    def remove(*years):
        for arrangement in HolidayYear.objects.filter(year__in=years):
            arrangement.delete()

    return remove


def enter(year: int, days=(), *, entered=True) -> HolidayYear:
    arrangement, _ = HolidayYear.objects.update_or_create(
        year=year, defaults={"entered": entered, "notice": "示例"}
    )
    for day, kind, name in days:
        HolidayDay.objects.create(arrangement=arrangement, day=day, kind=kind, name=name)
    return arrangement


# -- the table and the notices ----------------------------------------------------------


@pytest.mark.parametrize("year", sorted(NOTICES))
def test_the_seeded_table_matches_the_notice_day_by_day(keep_calendar, year):
    off, worked = NOTICES[year]
    assert calendar.current().is_entered(year)
    for day in span(D(year, 1, 1), D(year, 12, 31)):
        expected = day in worked or (day.weekday() < 5 and day not in off)
        assert services.is_workday(day) == expected, day


def test_the_table_is_seeded_with_every_year_the_library_knows(keep_calendar):
    known = {d.year for d in chinese_calendar.holidays}
    entered = set(HolidayYear.objects.filter(entered=True).values_list("year", flat=True))
    assert known <= entered
    spring_2026 = HolidayDay.objects.filter(day__year=2026, name="春节")
    assert spring_2026.filter(kind=HOLIDAY).count() == 9
    assert set(spring_2026.filter(kind=WORKDAY).values_list("day", flat=True)) == {
        D(2026, 2, 14),
        D(2026, 2, 28),
    }


@pytest.mark.parametrize("year", sorted(NOTICES))
def test_the_statutory_days_are_days_off_in_the_notices(year):
    # The regulation's placement (lunar dates, the solar term) agrees with the notices.
    off, _worked = NOTICES[year]
    assert set(services.statutory_holidays(year)) <= off


def test_it_places_the_statutory_holidays_of_2027():
    days = services.statutory_holidays(2027)
    by_name: dict[str, list[D]] = {}
    for day, name in sorted(days.items()):
        by_name.setdefault(name, []).append(day)
    assert by_name["元旦"] == [D(2027, 1, 1)]
    # 除夕 is 2027-02-05 (正月初一 2027-02-06): 除夕 to 初三, four days.
    assert by_name["春节"] == sorted(span(D(2027, 2, 5), D(2027, 2, 8)))
    assert by_name["清明节"] == [D(2027, 4, 5)]
    assert by_name["劳动节"] == [D(2027, 5, 1), D(2027, 5, 2)]
    assert by_name["端午节"] == [D(2027, 6, 9)]
    assert by_name["中秋节"] == [D(2027, 9, 15)]
    assert by_name["国庆节"] == sorted(span(D(2027, 10, 1), D(2027, 10, 3)))


# -- a year not entered ----------------------------------------------------------------


def test_a_year_not_entered_follows_the_statutory_holidays(without):
    without(2027)
    assert not services.is_workday(D(2027, 1, 1))
    assert services.add_working_days(D(2026, 12, 30), 3) >= D(2027, 1, 5)
    assert services.add_working_days(D(2027, 1, 29), 10) >= D(2027, 2, 16)
    assert not services.is_workday(D(2027, 2, 8))  # 初三, a Monday
    assert services.is_workday(D(2027, 2, 9))
    with services.noting_unentered_years() as years:
        services.add_working_days(D(2026, 12, 30), 3)
    assert years == {2027}
    with services.noting_unentered_years() as years:
        services.add_working_days(D(2026, 12, 1), 3)
    assert years == set()


def test_an_entered_year_overrides_the_fallback(without):
    without(2027)
    sample = [  # an arrangement made up for the test, not the notice
        *((d, HOLIDAY, "春节") for d in sorted(span(D(2027, 2, 5), D(2027, 2, 11)))),
        (D(2027, 2, 20), WORKDAY, "春节"),
    ]
    draft = enter(2027, sample, entered=False)
    # A draft counts for nothing yet.
    assert services.is_workday(D(2027, 2, 9))
    assert not services.is_workday(D(2027, 2, 20))
    draft.entered = True
    draft.save()  # the calendar reloads after the change, without being told
    assert not services.is_workday(D(2027, 2, 9))
    assert services.is_workday(D(2027, 2, 20))  # a Saturday worked
    assert services.is_workday(D(2027, 1, 1))  # the sample gives no 元旦: entered is entered
    with services.noting_unentered_years() as years:
        services.add_working_days(D(2026, 12, 30), 3)
    assert years == set()


def test_it_counts_working_hours_through_a_year_not_entered(without):
    without(2027)
    moment = dt.datetime(2026, 12, 30, 16, 0, tzinfo=services.WORK_ZONE)
    with services.noting_unentered_years() as years:
        due = services.add_working_hours(moment, 12)
    # 1.5 h on 12-30, 7.5 h on 12-31, then 元旦 and the weekend: 3 h on Monday 01-04.
    assert due == dt.datetime(2027, 1, 4, 11, 30, tzinfo=services.WORK_ZONE)
    assert years == {2027}


def test_it_names_runs_of_years_briefly():
    assert "2027–2029" in calendar.warning_for([2029, 2027, 2028])
    assert "2027、2030" in calendar.warning_for([2030, 2027])


# -- the command ------------------------------------------------------------------------


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("calendar", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue().strip()


def test_the_command_prints_the_deadline_and_warns_on_stderr(without):
    without(2027)
    out, err = run("due", "--from", "2026-12-30", "--working-days", "3")
    assert out == "2027-01-05"
    assert "2027" in err and "not been entered" in err
    out, err = run("due", "--from", "2026-12-30 16:00", "--working-hours", "12")
    assert out == "2027-01-04 11:30"
    assert "2027" in err
    enter(2027, [(D(2027, 1, 1), HOLIDAY, "元旦"), (D(2027, 1, 4), HOLIDAY, "示例")])
    out, err = run("due", "--from", "2026-12-30", "--working-days", "3")
    assert out == "2027-01-06"
    assert err == ""


def test_the_command_says_nothing_inside_entered_years(keep_calendar):
    out, err = run("due", "--from", "2026-09-30", "--working-days", "1")
    assert out == "2026-10-08"  # 国庆 2026 is 10-01 to 10-07
    assert err == ""
    out, err = run("due", "--from", "2026-12-30 16:00", "--working-hours", "4")
    assert out == "2026-12-31 11:00"
    assert err == ""


@pytest.mark.parametrize(
    "args",
    [
        ("due", "--from", "2026-13-30", "--working-days", "3"),
        ("due", "--from", "tomorrow", "--working-hours", "3"),
        ("due", "--from", "2026-12-30", "--working-days", "-1"),
        ("due", "--from", "2026-12-30", "--working-hours", "-2"),
    ],
)
def test_the_command_refuses_bad_input(keep_calendar, args):
    with pytest.raises(CommandError):
        run(*args)


# -- `mingzhu check` ------------------------------------------------------------------


def check_output() -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("check", stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def test_check_warns_until_the_years_ahead_are_entered(without):
    today = timezone.localdate()
    ahead = range(today.year, (today + dt.timedelta(days=calendar.LOOKAHEAD_DAYS)).year + 1)
    without(*ahead)
    output = check_output()
    assert "mingzhu.W101" in output
    assert str(ahead[-1]) in output
    for year in ahead:
        enter(year)
    assert "mingzhu.W101" not in check_output()


# -- importing a year ------------------------------------------------------------------


def csv_file(rows, header=("日期", "类型", "名称")) -> io.BytesIO:
    lines = [",".join(header), *(",".join(str(c) for c in row) for row in rows)]
    data = io.BytesIO("\n".join(lines).encode("utf-8"))
    data.name = "2027.csv"
    return data


SAMPLE_2027 = [  # made up for the tests, not the notice
    ("2027-01-01", "放假", "元旦"),
    ("2027-02-05", "放假", "春节"),
    ("2027-02-09", "休", "春节"),
    ("2027-02-20", "调休上班", "春节"),
]


def test_the_command_imports_a_year_for_an_administrator(without, administrator, tmp_path):
    without(2027)
    path = tmp_path / "2027.csv"
    path.write_bytes(csv_file(SAMPLE_2027).getvalue())
    out, _err = run("import", str(path), "--user", administrator.username, "--notice", "示例")
    assert "4" in out
    arrangement = HolidayYear.objects.get(year=2027)
    assert arrangement.entered and arrangement.notice == "示例"
    assert not services.is_workday(D(2027, 2, 9))
    assert services.is_workday(D(2027, 2, 20))
    # Imported again, the file's days replace the year's.
    path.write_bytes(csv_file(SAMPLE_2027[:2]).getvalue())
    run("import", str(path), "--user", administrator.username)
    assert arrangement.days.count() == 2
    assert services.is_workday(D(2027, 2, 9))


def test_the_command_refuses_who_may_not_enter_the_calendar(without, supervisor, tmp_path):
    without(2027)
    path = tmp_path / "2027.csv"
    path.write_bytes(csv_file(SAMPLE_2027).getvalue())
    with pytest.raises(CommandError, match="may not"):
        run("import", str(path), "--user", supervisor.username)
    with pytest.raises(CommandError, match="Name the administrator"):
        run("import", str(path))
    assert not HolidayYear.objects.filter(year=2027).exists()


def test_an_import_with_bad_rows_writes_nothing(without):
    without(2027)
    bad = [
        *SAMPLE_2027,
        ("2026-12-31", "放假", "元旦"),  # outside the year
        ("2027-02-05", "放假", "春节"),  # given twice
        ("2027-02-06", "加班", "春节"),  # unknown kind
        ("明天", "放假", "春节"),  # not a date
        ("2027-03-01", "放假", ""),  # no name
    ]
    result = calendar.import_year(csv_file(bad), year=2027)
    messages = [str(e) for e in result.errors]
    assert [e.row for e in result.errors] == [6, 7, 8, 9, 10]
    assert "2026-12-31 is not in 2027" in messages[0]
    assert "given twice (also in row 3)" in messages[1]
    assert "unknown kind 加班" in messages[2]
    assert "not a date" in messages[3]
    assert "is required" in messages[4]
    assert not HolidayYear.objects.filter(year=2027).exists()
    assert not HolidayDay.objects.filter(day__year=2027).exists()


def test_an_import_keeps_the_year_as_it_was_when_a_row_is_bad(keep_calendar):
    before = list(HolidayDay.objects.filter(day__year=2026).values_list("day", "kind", "name"))
    result = calendar.import_year(
        csv_file([("2026-01-01", "放假", "元旦"), ("x", "", "")]), year=2026
    )
    assert result.errors and not result.created
    after = list(HolidayDay.objects.filter(day__year=2026).values_list("day", "kind", "name"))
    assert after == before


def test_an_import_refuses_an_empty_sheet_and_a_wrong_header(without):
    without(2027)
    with pytest.raises(WorkbookError):
        calendar.import_year(csv_file([]), year=2027)
    with pytest.raises(WorkbookError):
        calendar.import_year(csv_file(SAMPLE_2027, header=("a", "b", "c")), year=2027)
    with pytest.raises(WorkbookError):
        calendar.import_year(csv_file(SAMPLE_2027), year=1900)
    assert not HolidayYear.objects.filter(year=2027).exists()


# -- the pages ----------------------------------------------------------------------------

LIST = "/tasks/calendar/"
IMPORT = "/tasks/calendar/import/"


def year_page(year: int) -> str:
    return f"/tasks/calendar/{HolidayYear.objects.get(year=year).pk}/"


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("administrator", 200),
        ("supervisor", 403),
        ("leader", 403),
        ("fgw", 403),
        ("grid_worker", 403),
        ("outsider", 403),
    ],
)
def test_only_the_administrator_reads_the_calendar_pages(
    as_user, request, keep_calendar, persona, status
):
    client = as_user(request.getfixturevalue(persona))
    day = HolidayDay.objects.get(day=D(2026, 2, 17))
    for url in (
        LIST,
        year_page(2026),
        f"{LIST}add/",
        f"{LIST}days/add/",
        f"{LIST}days/{day.pk}/edit/",
        f"{LIST}days/{day.pk}/delete/",
        IMPORT,
    ):
        assert client.get(url).status_code == status, url


def test_the_list_warns_of_the_years_ahead_not_entered(as_user, administrator, without):
    today = timezone.localdate()
    ahead = range(today.year, (today + dt.timedelta(days=calendar.LOOKAHEAD_DAYS)).year + 1)
    without(*ahead)
    client = as_user(administrator)
    assert "has not been entered" in client.get(LIST).content.decode()
    # Said once, on that page: not again on the next one.
    assert "has not been entered" not in client.get(IMPORT).content.decode()
    for year in ahead:
        enter(year)
    assert "has not been entered" not in client.get(LIST).content.decode()


def test_the_menu_shows_the_calendar_to_the_administrator_only(
    as_user, administrator, supervisor, keep_calendar
):
    assert LIST in as_user(administrator).get("/").content.decode()
    assert LIST not in as_user(supervisor).get("/").content.decode()


def test_others_may_not_change_the_calendar(as_user, supervisor, keep_calendar):
    client = as_user(supervisor)
    day = HolidayDay.objects.get(day=D(2026, 2, 17))
    assert client.post(f"{LIST}days/{day.pk}/delete/").status_code == 403
    response = client.post(IMPORT, {"file": csv_file(SAMPLE_2027), "year": "2027"})
    assert response.status_code == 403
    assert HolidayDay.objects.filter(pk=day.pk).exists()
    assert not HolidayYear.objects.filter(year=2027).exists()


def test_the_administrator_enters_a_year_day_by_day(as_user, administrator, without):
    without(2027)
    client = as_user(administrator)
    response = client.post(f"{LIST}add/", {"year": "2027", "notice": "示例"})
    assert response.status_code == 302
    arrangement = HolidayYear.objects.get(year=2027)
    assert not arrangement.entered
    page = client.get(year_page(2027)).content.decode()
    assert 'id="statutory"' in page and "2027-02-05" in page  # what applies meanwhile
    response = client.post(
        f"{LIST}days/add/",
        {"arrangement": arrangement.pk, "day": "2027-02-09", "kind": HOLIDAY, "name": "春节"},
    )
    assert response.status_code == 302
    assert services.is_workday(D(2027, 2, 9))  # not entered yet
    # Its days fix the year's number.
    response = client.post(f"{LIST}{arrangement.pk}/edit/", {"year": "2028", "notice": "示例"})
    assert response.status_code == 200
    assert HolidayYear.objects.get(pk=arrangement.pk).year == 2027
    response = client.post(
        f"{LIST}{arrangement.pk}/edit/", {"year": "2027", "notice": "示例", "entered": "on"}
    )
    assert response.status_code == 302
    assert not services.is_workday(D(2027, 2, 9))
    # A day outside the year, or one already given, is refused.
    for day in ("2028-01-03", "2027-02-09"):
        response = client.post(
            f"{LIST}days/add/",
            {"arrangement": arrangement.pk, "day": day, "kind": HOLIDAY, "name": "春节"},
        )
        assert response.status_code == 200, day
    assert arrangement.days.count() == 1
    day = arrangement.days.get()
    response = client.post(f"{LIST}days/{day.pk}/delete/")
    assert response["Location"] == year_page(2027)
    assert services.is_workday(D(2027, 2, 9))


def test_the_administrator_imports_a_year_on_its_page(as_user, administrator, without):
    without(2027)
    client = as_user(administrator)
    response = client.post(IMPORT, {"file": csv_file(SAMPLE_2027), "notice": "示例"})
    assert response.status_code == 302
    assert response["Location"] == year_page(2027)
    assert HolidayYear.objects.get(year=2027).entered
    assert services.is_workday(D(2027, 2, 20))


def test_the_import_page_lists_the_bad_rows_and_writes_nothing(as_user, administrator, without):
    without(2027)
    client = as_user(administrator)
    bad = [*SAMPLE_2027, ("2028-01-01", "放假", "元旦"), ("2027-02-07", "上上班", "春节")]
    response = client.post(IMPORT, {"file": csv_file(bad), "year": "2027"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "2028-01-01 is not in 2027" in page and "unknown kind" in page
    response = client.post(IMPORT, {"file": csv_file(SAMPLE_2027), "year": "twenty"})
    assert response.status_code == 400
    xlsx = io.BytesIO(
        write_xlsx("2027", ["日期", "类型", "名称"], [["2027-13-01", "放假", "元旦"]])
    )
    xlsx.name = "2027.xlsx"
    assert client.post(IMPORT, {"file": xlsx, "year": "2027"}).status_code == 400
    assert not HolidayYear.objects.filter(year=2027).exists()


# -- the warnings on pages ----------------------------------------------------------------


def test_a_task_page_warns_when_its_deadline_lies_in_a_year_not_entered(
    as_user, make_task, supervisor, without
):
    today = timezone.localdate()
    later = today.year + 1
    deadline = D(later, 1, 11)
    without(*range(today.year, later + 1))
    task = make_task(Status.ASSIGNED, deadline=deadline, deadline_basis=DeadlineBasis.WORKING_DAYS)
    page = as_user(supervisor).get(f"/tasks/{task.pk}/").content.decode()
    assert "has not been entered" in page and str(later) in page
    for year in range(today.year, later + 1):
        enter(year)
    page = as_user(supervisor).get(f"/tasks/{task.pk}/").content.decode()
    assert "has not been entered" not in page


def test_a_task_in_calendar_days_carries_no_warning(as_user, make_task, supervisor, without):
    today = timezone.localdate()
    without(*range(today.year, today.year + 2))
    task = make_task(Status.ASSIGNED, deadline=D(today.year + 1, 1, 11))
    page = as_user(supervisor).get(f"/tasks/{task.pk}/").content.decode()
    assert "has not been entered" not in page


def _request(rf, method: str):
    request = getattr(rf, method)("/somewhere/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _computing(response):
    def view(request):
        services.add_working_days(D(2026, 12, 30), 3)
        return response

    return view


def test_a_submitted_page_that_set_such_a_deadline_warns(rf, without):
    without(2027)
    request = _request(rf, "post")
    response = CalendarWarningMiddleware(_computing(HttpResponseRedirect("/next/")))(request)
    assert response[HEADER] == "2027"
    warnings = [str(m) for m in request._messages]
    assert len(warnings) == 1 and "2027" in warnings[0]


def test_a_page_that_only_reads_is_not_warned_and_nothing_is_said_when_entered(rf, without):
    without(2027)
    request = _request(rf, "get")
    response = CalendarWarningMiddleware(_computing(HttpResponse("ok")))(request)
    assert response[HEADER] == "2027"
    assert list(request._messages) == []
    enter(2027)
    request = _request(rf, "post")
    response = CalendarWarningMiddleware(_computing(HttpResponseRedirect("/next/")))(request)
    assert HEADER not in response
    assert list(request._messages) == []


def test_the_command_lists_the_tasks_to_review_for_a_year(make_task, keep_calendar):
    in_days = make_task(
        Status.ASSIGNED, deadline=D(2098, 1, 5), deadline_basis=DeadlineBasis.WORKING_DAYS
    )
    in_calendar_days = make_task(Status.ASSIGNED, deadline=D(2098, 1, 6))
    finished = make_task(
        Status.CANCELLED, deadline=D(2098, 1, 7), deadline_basis=DeadlineBasis.WORKING_DAYS
    )
    out, _err = run("affected", "--year", "2098")
    assert in_days.code in out
    assert in_calendar_days.code not in out
    assert finished.code not in out


def test_an_emptied_table_is_seeded_again_on_migrate(keep_calendar):
    # ``flush`` (and a table emptied by hand) leaves nothing; post_migrate fills it again.
    from django.apps import apps

    HolidayDay.objects.all().delete()
    HolidayYear.objects.all().delete()
    assert not calendar.current().is_entered(2026)
    calendar.seed_if_empty(sender=apps.get_app_config("tasks"))
    assert calendar.current().is_entered(2026)
    assert not services.is_workday(D(2026, 2, 17))
    assert HolidayYear.objects.count() == len(services.library_arrangements())
    # A table holding anything is left alone.
    HolidayYear.objects.filter(year=2004).delete()
    calendar.seed_if_empty(sender=apps.get_app_config("tasks"))
    assert not HolidayYear.objects.filter(year=2004).exists()
