"""The notice board (通知公告): written by the administrator and the supervision office,
shown on the home page and the board to the users of the units it targets, between its
publication and its end."""

import datetime as dt

import pytest
from django.utils import timezone

from mingzhu.core.audit import history_for
from mingzhu.system.models import Notice, NoticeRead

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

LIST = "/system/notices/"
BOARD = "/system/notices/board/"
FORMAT = "%Y-%m-%dT%H:%M"


def _notice(author, *, units=(), for_all=False, title="防汛值班通知", **fields):
    notice = Notice.objects.create(
        title=title,
        body="请各单位做好防汛值班。\n值班表另发。",
        unit=author.unit,
        author=author,
        for_all=for_all,
        **fields,
    )
    notice.units.set(units)
    return notice


def _form(unit, **changes) -> dict:
    now = timezone.localtime()
    data = {
        "title": "关于开展安全生产大检查的通知",
        "body": "各镇（街道）：请于本月底前完成自查。",
        "unit": unit.pk,
        "publish_from": now.strftime(FORMAT),
        "publish_until": (now + dt.timedelta(days=7)).strftime(FORMAT),
        "units": [],
        "for_all": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_notice_for_a_town_reaches_its_staff_and_nobody_else(
    as_user, supervisor, xinba, sanmao, fgw, unit
):
    notice = _notice(supervisor, units=[unit("YZ-XINBA")])
    assert list(Notice.objects.for_reader(xinba)) == [notice]
    assert notice not in Notice.objects.for_reader(sanmao)
    assert notice not in Notice.objects.for_reader(fgw)
    assert notice.title in as_user(xinba).get(BOARD).content.decode()
    assert notice.title not in as_user(sanmao).get(BOARD).content.decode()


def test_a_notice_for_a_unit_reaches_the_units_below_it(grid_worker, supervisor, unit):
    # The grid worker sits in a grid of 新坝镇.
    notice = _notice(supervisor, units=[unit("YZ-XINBA")])
    assert notice in Notice.objects.for_reader(grid_worker)


def test_a_notice_for_every_unit_reaches_everybody(supervisor, sanmao, enterprise_user):
    notice = _notice(supervisor, for_all=True)
    assert notice in Notice.objects.for_reader(sanmao)
    assert notice in Notice.objects.for_reader(enterprise_user)


def test_only_published_and_unexpired_notices_are_shown(supervisor, sanmao):
    now = timezone.now()
    later = _notice(supervisor, for_all=True, title="未来", publish_from=now + dt.timedelta(1))
    over = _notice(
        supervisor,
        for_all=True,
        title="过期",
        publish_from=now - dt.timedelta(10),
        publish_until=now - dt.timedelta(1),
    )
    current = _notice(supervisor, for_all=True, title="当前")
    shown = list(Notice.objects.for_reader(sanmao))
    assert current in shown and later not in shown and over not in shown
    assert later in Notice.objects.for_reader(sanmao, at=now + dt.timedelta(2))


def test_pinned_notices_come_first(supervisor, sanmao):
    _notice(supervisor, for_all=True, title="普通")
    pinned = _notice(
        supervisor,
        for_all=True,
        title="置顶",
        pinned=True,
        publish_from=timezone.now() - dt.timedelta(days=3),
    )
    assert list(Notice.objects.for_reader(sanmao))[0] == pinned


def test_the_home_page_shows_the_users_notices(as_user, supervisor, xinba, sanmao, unit):
    _notice(supervisor, units=[unit("YZ-XINBA")], title="新坝镇防汛通知")
    assert "新坝镇防汛通知" in as_user(xinba).get("/").content.decode()
    assert "新坝镇防汛通知" not in as_user(sanmao).get("/").content.decode()


def test_a_reader_opens_a_notice_and_it_is_marked_read(as_user, supervisor, xinba, unit):
    notice = _notice(supervisor, units=[unit("YZ-XINBA")])
    client = as_user(xinba)
    assert "unread" in client.get(BOARD).content.decode()
    response = client.get(f"{LIST}{notice.pk}/")
    assert response.status_code == 200
    assert "值班表另发" in response.content.decode()
    assert NoticeRead.objects.filter(notice=notice, user=xinba).exists()
    assert "unread" not in client.get(BOARD).content.decode()


def test_a_notice_not_for_the_user_answers_404(as_user, supervisor, sanmao, unit):
    notice = _notice(supervisor, units=[unit("YZ-XINBA")])
    assert as_user(sanmao).get(f"{LIST}{notice.pk}/").status_code == 404


# Writing notices ---------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["supervisor", "administrator"])
def test_the_office_and_the_administrator_write_notices(request, as_user, persona, unit):
    user = request.getfixturevalue(persona)
    data = _form(user.unit, for_all=None, units=[unit("YZ-XINBA").pk])
    response = as_user(user).post(f"{LIST}add/", data)
    assert response.status_code == 302, response.content.decode()
    notice = Notice.objects.get(title=data["title"])
    assert notice.author == user
    assert not notice.for_all
    assert list(notice.units.values_list("code", flat=True)) == ["YZ-XINBA"]
    entries = list(history_for(notice))
    assert entries and all(entry.actor == user for entry in entries)


@pytest.mark.parametrize("persona", ["fgw", "sanmao", "leader", "grid_worker", "outsider"])
def test_others_may_not_write_notices(request, as_user, persona, unit):
    user = request.getfixturevalue(persona)
    client = as_user(user)
    assert client.get(f"{LIST}add/").status_code == 403
    response = client.post(f"{LIST}add/", _form(unit("YZ-DEPT-DB")))
    assert response.status_code == 403
    assert not Notice.objects.exists()
    assert client.get(LIST).status_code == 403


def test_a_notice_needs_its_units_or_every_unit(as_user, supervisor):
    response = as_user(supervisor).post(f"{LIST}add/", _form(supervisor.unit, for_all=None))
    assert response.status_code == 200
    assert "请选择公告面向的单位" in response.content.decode()
    assert not Notice.objects.exists()


def test_a_notice_must_end_after_it_is_published(as_user, supervisor):
    now = timezone.localtime()
    data = _form(supervisor.unit, publish_until=(now - dt.timedelta(days=1)).strftime(FORMAT))
    response = as_user(supervisor).post(f"{LIST}add/", data)
    assert "截止时间必须晚于发布时间" in response.content.decode()
    assert not Notice.objects.exists()


def test_the_writer_edits_and_deletes_a_notice(as_user, supervisor):
    notice = _notice(supervisor, for_all=True)
    client = as_user(supervisor)
    data = _form(supervisor.unit, title="防汛值班通知（更正）")
    assert client.post(f"{LIST}{notice.pk}/edit/", data).status_code == 302
    notice.refresh_from_db()
    assert notice.title == "防汛值班通知（更正）"
    assert client.post(f"{LIST}{notice.pk}/delete/").status_code == 302
    assert not Notice.objects.filter(pk=notice.pk).exists()


def test_a_reader_may_not_edit_or_delete(as_user, supervisor, xinba):
    notice = _notice(supervisor, for_all=True)
    client = as_user(xinba)
    assert client.get(f"{LIST}{notice.pk}/edit/").status_code in (403, 404)
    assert client.post(f"{LIST}{notice.pk}/delete/").status_code in (403, 404)
    assert Notice.objects.filter(pk=notice.pk).exists()


def test_anonymous_is_sent_to_sign_in(client, db):
    assert client.get(BOARD).status_code == 302
