"""The issuing side's line (the task came down it): one rule, asked of one task or used
to filter a queryset (the inbox), with the same answer."""

from mingzhu.org.models import User
from mingzhu.tasks import actions
from mingzhu.tasks.choices import Status
from mingzhu.tasks.models import Task


def test_the_rule_and_its_filter_agree_for_every_user_and_issuer(db):
    tasks = list(Task.objects.select_related("issuer").order_by("issuer_id").distinct())
    one_per_issuer = list({t.issuer_id: t for t in tasks}.values())
    assert len(one_per_issuer) > 3
    users = list(User.objects.select_related("unit"))
    for user in users:
        on_line = {
            t.pk
            for t in Task.objects.filter(pk__in=[t.pk for t in one_per_issuer]).filter(
                actions.issuers_line(user)
            )
        }
        assert on_line == {t.pk for t in one_per_issuer if actions.on_issuers_line(user, t)}, user


def test_the_line_runs_up_and_down_but_not_across(supervisor, leader, rexian, fgw, unit):
    task = Task(issuer=unit("YZ-DEPT-DB"))
    assert actions.on_issuers_line(supervisor, task)  # the issuing office
    assert actions.on_issuers_line(leader, task)  # the city above it
    assert not actions.on_issuers_line(rexian, task)  # another office
    assert not actions.on_issuers_line(fgw, task)


def test_the_inbox_lists_closures_only_to_the_issuers_line(
    as_user, make_task, supervisor, rexian, leader
):
    to_verify = make_task(Status.CLOSURE_REQUESTED)

    def inbox(user) -> list:
        response = as_user(user).get("/tasks/inbox/", {"q": to_verify.code})
        return [task for task, _cells in response.context["rows"]]

    assert inbox(supervisor) == [to_verify]
    # A city leader sits above the issuing office: on its line.
    assert actions.may_review(leader, to_verify) and inbox(leader) == [to_verify]
    # The 12345 desk may verify its own tasks, not the supervision office's.
    assert not actions.may_review(rexian, to_verify) and inbox(rexian) == []
