"""Who may use the notice pages: the administrator configures channels, reads the delivery
log and the schedule; everyone else may not (and reads only their own deliveries)."""

import pytest
from django.utils import timezone

from mingzhu.notify import schedule
from mingzhu.notify.models import Channel, Delivery, Job, JobRun

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

OTHERS = ["leader", "supervisor", "fgw", "grid_worker", "enterprise_user", "outsider"]


@pytest.fixture
def robot(channel):
    return channel(
        "wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=secret-key-123456"
    )


def _pages(robot):
    from mingzhu.notify.models import Preference
    from mingzhu.org.models import User

    job = schedule.ensure_jobs()[0]
    delivery, _ = Delivery.objects.get_or_create(
        channel=robot, key="page-test", defaults={"topic": "test", "title": "t", "text": "t"}
    )
    pref, _ = Preference.objects.get_or_create(user=User.objects.get(username="xinba"))
    return [
        "/notify/channels/",
        "/notify/channels/add/",
        f"/notify/channels/{robot.pk}/",
        f"/notify/channels/{robot.pk}/edit/",
        f"/notify/channels/{robot.pk}/delete/",
        f"/notify/channels/{robot.pk}/history/",
        "/notify/deliveries/",
        f"/notify/deliveries/{delivery.pk}/",
        "/notify/jobs/",
        f"/notify/jobs/{job.pk}/",
        f"/notify/jobs/{job.pk}/edit/",
        "/notify/preferences/",
        "/notify/preferences/add/",
        f"/notify/preferences/{pref.pk}/",
        f"/notify/preferences/{pref.pk}/edit/",
    ]


def test_the_administrator_may_open_every_page(as_user, administrator, robot):
    client = as_user(administrator)
    for url in _pages(robot):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", OTHERS)
def test_others_may_not(request, as_user, persona, robot):
    client = as_user(request.getfixturevalue(persona))
    for url in _pages(robot):
        assert client.get(url).status_code in (403, 404), url
    job = Job.objects.get(code="supervise")
    assert client.post(f"/notify/jobs/{job.pk}/run/").status_code in (403, 404)
    assert client.post(f"/notify/channels/{robot.pk}/test/").status_code in (403, 404)
    assert not JobRun.objects.filter(job=job).exists()
    assert not Delivery.objects.filter(channel=robot).exclude(key="page-test").exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, robot):
    for url in [*_pages(robot), "/notify/mine/", "/notify/my-preferences/"]:
        assert client.get(url).status_code == 302, url


def test_the_secret_is_never_shown_back_in_full(as_user, administrator, robot):
    client = as_user(administrator)
    for url in (
        f"/notify/channels/{robot.pk}/",
        f"/notify/channels/{robot.pk}/edit/",
        "/notify/channels/",
    ):
        assert "secret-key-123456" not in client.get(url).content.decode(), url


def test_the_administrator_adds_a_dingtalk_robot_and_bad_input_is_refused(
    as_user, administrator, unit
):
    client = as_user(administrator)
    bad = client.post(
        "/notify/channels/add/",
        {"name": "x", "kind": "dingtalk", "url": "not a url", "daily_cap": 10, "method": "POST"},
    )
    assert bad.status_code in (200, 400) and not Channel.objects.filter(name="x").exists()
    good = client.post(
        "/notify/channels/add/",
        {
            "name": "发改委工作群",
            "kind": "dingtalk",
            "unit": unit("YZ-DEPT-FGW").pk,
            "url": "https://oapi.dingtalk.com/robot/send?access_token=tok",
            "secret": "SECsecretsecret1234",
            "daily_cap": 10,
            "method": "POST",
            "is_active": "on",
        },
    )
    assert good.status_code == 302
    made = Channel.objects.get(name="发改委工作群")
    assert made.secret == "SECsecretsecret1234" and made.url.endswith("access_token=tok")
    # Editing without typing the secret again keeps it.
    kept = client.post(
        f"/notify/channels/{made.pk}/edit/",
        {
            "name": "发改委工作群",
            "kind": "dingtalk",
            "unit": made.unit_id,
            "daily_cap": 10,
            "method": "POST",
        },
    )
    assert kept.status_code == 302
    made.refresh_from_db()
    assert made.secret == "SECsecretsecret1234" and not made.is_active


def test_a_group_robot_needs_a_unit(as_user, administrator):
    answer = as_user(administrator).post(
        "/notify/channels/add/",
        {
            "name": "无单位",
            "kind": "wecom",
            "url": "https://example.invalid/x",
            "daily_cap": 1,
            "method": "POST",
        },
    )
    assert answer.status_code in (200, 400)
    assert not Channel.objects.filter(name="无单位").exists()


@pytest.mark.parametrize("persona", ["administrator", *OTHERS])
def test_everyone_reads_only_their_own_deliveries(request, as_user, persona, channel, fgw):
    gateway = channel("sms", "http://127.0.0.1:9/sms", unit_code=None)
    Delivery.objects.create(
        channel=gateway,
        recipient=fgw,
        key="k-own",
        topic="return",
        title="给发改委的短信",
        text="t",
    )
    user = request.getfixturevalue(persona)
    page = as_user(user).get("/notify/mine/")
    assert page.status_code == 200
    assert ("给发改委的短信" in page.content.decode()) == (user == fgw)


def test_the_fgw_sees_their_own_delivery(as_user, channel, fgw):
    gateway = channel("sms", "http://127.0.0.1:9/sms", unit_code=None)
    Delivery.objects.create(
        channel=gateway, recipient=fgw, key="k-fgw", topic="return", title="我的短信", text="t"
    )
    assert "我的短信" in as_user(fgw).get("/notify/mine/").content.decode()


def test_a_person_chooses_their_channels(as_user, fgw):
    client = as_user(fgw)
    assert client.get("/notify/my-preferences/").status_code == 200
    assert (
        client.post("/notify/my-preferences/", {"sms_topics": ["sheet_red", "return"]}).status_code
        == 302
    )
    assert fgw.notice_preference.sms_topics == ["sheet_red", "return"]
    bad = client.post("/notify/my-preferences/", {"sms_topics": ["nonsense"]})
    assert bad.status_code == 400


def test_the_schedule_is_changed_in_the_page_and_checked(as_user, administrator):
    schedule.ensure_jobs()
    job = Job.objects.get(code="digest")
    client = as_user(administrator)
    bad = client.post(
        f"/notify/jobs/{job.pk}/edit/", {"schedule": "every morning", "is_active": "on"}
    )
    assert bad.status_code in (200, 400)
    job.refresh_from_db()
    assert job.schedule == "30 8 * * 1-5"
    good = client.post(
        f"/notify/jobs/{job.pk}/edit/", {"schedule": "0 9 * * 1-5", "is_active": "on"}
    )
    assert good.status_code == 302
    job.refresh_from_db()
    assert job.schedule == "0 9 * * 1-5"
    local = timezone.localtime(job.next_run_at)
    assert (local.hour, local.minute) == (9, 0)


def test_a_reader_of_the_schedule_reads_it_without_the_edit_and_run_buttons(as_user, robot):
    from factories import scoped_user

    job = schedule.ensure_jobs()[0]
    reader = scoped_user("321182001000", ("all", ("notify.view_job",)))
    client = as_user(reader)
    assert client.get("/notify/jobs/").status_code == 200
    page = client.get(f"/notify/jobs/{job.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert f"/notify/jobs/{job.pk}/edit/" not in body
    assert f"/notify/jobs/{job.pk}/run/" not in body
    assert client.get(f"/notify/jobs/{job.pk}/edit/").status_code in (403, 404)
    assert client.post(f"/notify/jobs/{job.pk}/run/").status_code in (403, 404)
    assert not JobRun.objects.filter(job=job).exists()
