"""Loading, correcting and adopting: one transaction each, scope and permission first."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from factories import scoped_user

from mingzhu.core.actions import ActionError
from mingzhu.documents import actions, seeds
from mingzhu.documents.models import DocumentItem, LeadRule, PolicyDocument
from mingzhu.targets.models import Indicator, Target
from mingzhu.tasks.choices import SourceKind, Status
from mingzhu.tasks.models import Task, TaskList

from .texts import PLAN


def _counts():
    return (
        TaskList.objects.count(),
        Task.objects.count(),
        Target.objects.count(),
        Indicator.objects.count(),
    )


def _lead_all(document, actor, unit):
    rows = [{"id": i.pk, "lead_unit": unit} for i in document.items.filter(lead_unit=None)]
    actions.save_draft(document.pk, actor=actor, items=rows)


def test_loading_stores_the_draft_with_units_and_catalogue_matches(supervisor):
    document = actions.load_document(actor=supervisor, text=seeds.SEED_1)
    assert (document.title, document.author, document.year) == (
        "奋力创造“江中明珠”新的更大荣光",
        "张德军",
        2023,
    )
    assert document.issuer == supervisor.unit and not document.is_adopted
    items = {i.code: i for i in document.items.select_related("lead_unit")}
    assert len(items) == 15
    assert items["3.3"].lead_unit.code == "YZ-DEPT-WMB" and items["3.3"].keyword == "文明城市"
    assert items["1.1"].lead_unit is None
    # An item holding dated targets is due by the latest of them.
    assert items["1.3"].deadline == dt.date(2025, 12, 31)
    assert items["3.3"].deadline == dt.date(2023, 12, 31)
    assert items["2.1"].deadline is None
    gdp = document.targets.get(indicator_name="GDP")
    assert gdp.indicator.code == "GDP" and gdp.item == items["1.3"]
    assert document.targets.get(indicator_name="百亿企业").indicator.code == "ENT100"


def test_the_office_table_decides_the_lead_unit(supervisor, unit):
    LeadRule.objects.create(keyword="港产城", unit=unit("YZ-XINGLONG"), priority=1)
    document = actions.load_document(actor=supervisor, text=seeds.SEED_1)
    assert document.items.get(code="1.1").lead_unit.code == "YZ-XINGLONG"
    LeadRule.objects.filter(keyword="港产城").update(is_active=False)
    again = actions.load_document(actor=supervisor, text=seeds.SEED_1)
    assert again.items.get(code="1.1").lead_unit is None


@pytest.mark.django_db  # its personas come from request.getfixturevalue
@pytest.mark.parametrize("persona", ["leader", "outsider", "sanmao"])
def test_loading_needs_the_permission(persona, request):
    user = request.getfixturevalue(persona)
    before = PolicyDocument.objects.count()
    with pytest.raises(PermissionDenied):
        actions.load_document(actor=user, text=PLAN)
    assert PolicyDocument.objects.count() == before


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02" * 10, b"\x80\xff\xfe" * 10])
def test_an_unreadable_file_writes_nothing(supervisor, data):
    before = PolicyDocument.objects.count()
    with pytest.raises(ActionError):
        actions.load_document(actor=supervisor, data=data, filename="x.txt")
    assert PolicyDocument.objects.count() == before


def test_adopting_creates_the_task_list_and_the_targets(plan, supervisor, unit):
    _lead_all(plan, supervisor, unit("YZ-DEPT-GXJ"))
    task_list = actions.adopt(plan.pk, actor=supervisor, name="三年行动任务清单")
    plan.refresh_from_db()
    assert plan.task_list == task_list and plan.adopted_by == supervisor
    assert task_list.name == "三年行动任务清单" and task_list.issuer == supervisor.unit
    item_type = ContentType.objects.get_for_model(DocumentItem)
    tasks = list(task_list.tasks.order_by("code"))
    assert len(tasks) == plan.items.count() == 5  # the goals part is no task
    for item in plan.items.select_related("task"):
        task = item.task
        assert task.status == Status.DRAFT and task.source_kind == SourceKind.DOCUMENT
        assert (task.content_type, task.object_id) == (item_type, item.pk)
        assert task.events.count() == 1  # created through the engine
    # A task without a dated target is due at the end of the document's year.
    years = {i.code: i.task.deadline for i in plan.items.select_related("task")}
    assert years["2.1"] == dt.date(plan.year, 12, 31)
    assert years["1.2"] == dt.date(2030, 12, 31)
    target = plan.targets.get(indicator_name="城镇登记失业率").target
    assert (target.comparator, target.value, target.deadline) == ("<=", 3, dt.date(2027, 12, 31))
    assert target.unit.code == "321182000000"
    assert "城镇登记失业率控制在 3%以内" in target.source_sentence
    assert target.indicator.code.startswith("DOC-") and target.indicator.direction == "lower"
    assert plan.targets.filter(target__isnull=True).count() == 0


def test_adopting_links_the_targets_already_there(supervisor, unit):
    document = actions.load_document(actor=supervisor, text=seeds.SEED_1)
    _lead_all(document, supervisor, unit("YZ-DEPT-FGW"))
    before = Target.objects.count()
    # The essay is of 2023: adopted then, its items' deadlines lay ahead.
    task_list = actions.adopt(document.pk, actor=supervisor, as_of=dt.date(2023, 6, 1))
    assert Target.objects.count() == before
    linked = {t.indicator_name: t.target for t in document.targets.select_related("target")}
    assert linked["GDP"].indicator.code == "GDP" and linked["GDP"].value == Decimal("800")
    assert linked["创成全国文明城市"] is None
    assert task_list.tasks.count() == 15


def test_rows_that_stop_adoption_are_named_and_nothing_is_written(supervisor):
    document = actions.load_document(actor=supervisor, text=seeds.SEED_1)
    gdp = document.targets.get(indicator_name="GDP")
    actions.save_draft(document.pk, actor=supervisor, targets=[{"id": gdp.pk, "value": 900}])
    before = _counts()
    with pytest.raises(ActionError) as exc:
        actions.adopt(document.pk, actor=supervisor)
    message = str(exc.value)
    assert "1.1 项 矢志开新局、闯新路" in message and "5.3 项 深化管党治党" in message
    assert "地区生产总值 > 800" in message
    assert _counts() == before
    document.refresh_from_db()
    assert not document.is_adopted


def test_items_whose_deadline_has_passed_are_named_until_corrected(supervisor, unit):
    document = actions.load_document(actor=supervisor, text=seeds.SEED_1)
    _lead_all(document, supervisor, unit("YZ-DEPT-FGW"))
    before = _counts()
    with pytest.raises(ActionError) as exc:
        actions.adopt(document.pk, actor=supervisor, as_of=dt.date(2026, 3, 1))
    message = str(exc.value)
    # 3.3 is due at the end of 2023, 1.3 by its 2025 targets: both passed by March 2026.
    assert "3.3 项 提升城市文明内涵" in message and "2023-12-31" in message
    assert "1.3 项" in message and "2025-12-31" in message
    assert _counts() == before
    rows = [{"id": i.pk, "deadline": dt.date(2026, 12, 31)} for i in document.items.all()]
    actions.save_draft(document.pk, actor=supervisor, items=rows)
    task_list = actions.adopt(document.pk, actor=supervisor, as_of=dt.date(2026, 3, 1))
    assert set(task_list.tasks.values_list("deadline", flat=True)) == {dt.date(2026, 12, 31)}


def test_a_unit_of_measure_that_differs_from_the_catalogue_is_refused(supervisor, unit):
    document = actions.load_document(actor=supervisor, text="力争到2030年，GDP 突破 9000000 万元。")
    _lead_all(document, supervisor, unit("YZ-DEPT-FGW"))
    with pytest.raises(ActionError, match="亿元"):
        actions.adopt(document.pk, actor=supervisor)


def test_adopting_twice_is_a_conflict(plan, supervisor, unit):
    _lead_all(plan, supervisor, unit("YZ-DEPT-GXJ"))
    actions.adopt(plan.pk, actor=supervisor)
    with pytest.raises(actions.AlreadyAdopted):
        actions.adopt(plan.pk, actor=supervisor)
    with pytest.raises(ActionError):
        actions.save_draft(plan.pk, actor=supervisor, items=[])


def test_adopting_into_a_list_links_the_tasks_typed_there(supervisor, unit, monkeypatch):
    document = actions.load_document(actor=supervisor, text=seeds.SEED_1)
    typed = TaskList.objects.create(
        name="手工清单", kind="work_points", issuer=supervisor.unit, year=2023
    )
    from mingzhu.tasks.actions import create_task

    hand = create_task(
        actor=supervisor,
        title="提升城市文明内涵（手工录入）",
        content="以争创全国文明城市为目标，确保 2023 年创成全国文明城市。",
        task_list=typed,
        lead_unit=unit("YZ-DEPT-WMB"),
        deadline=dt.date(2023, 12, 31),
    )
    _lead_all(document, supervisor, unit("YZ-DEPT-FGW"))
    # The link is a bare update, which sends no signal: the lists kept from the tasks'
    # table are told by hand.
    bumped = []
    monkeypatch.setattr(actions, "bump", lambda *topics: bumped.extend(topics))
    actions.adopt(document.pk, actor=supervisor, into=typed, as_of=dt.date(2023, 6, 1))
    assert bumped == ["tasks"]
    hand.refresh_from_db()
    assert hand.source_kind == SourceKind.DOCUMENT
    assert hand.object_id == document.items.get(code="3.3").pk
    assert typed.tasks.count() == 15  # the 14 others created, the typed one not doubled


@pytest.mark.parametrize("persona", ["leader", "fgw"])
def test_adopting_needs_the_permission(plan, persona, request):
    user = request.getfixturevalue(persona)
    with pytest.raises((PermissionDenied, Http404)):
        actions.adopt(plan.pk, actor=user)
    plan.refresh_from_db()
    assert not plan.is_adopted


def test_a_department_prepares_its_own_drafts_only(fgw, sanmao, plan):
    own = actions.load_document(actor=fgw, text=PLAN)
    assert own.issuer == fgw.unit
    item = own.items.first()
    actions.save_draft(own.pk, actor=fgw, items=[{"id": item.pk, "title": "改过的标题"}])
    item.refresh_from_db()
    assert item.title == "改过的标题"
    # The office's draft is outside the department's scope.
    with pytest.raises(Http404):
        actions.save_draft(plan.pk, actor=fgw, items=[])
    with pytest.raises((Http404, PermissionDenied)):
        actions.save_draft(own.pk, actor=sanmao, items=[])


def test_a_row_of_another_document_is_refused(plan, supervisor, seed_1):
    foreign = seed_1.items.first()
    with pytest.raises(ActionError):
        actions.save_draft(plan.pk, actor=supervisor, items=[{"id": foreign.pk, "title": "x"}])


def test_a_document_seen_but_not_ones_own_is_refused_not_hidden(plan):
    # Reads every document; changes (and adopts) only those of 发改委.
    reader = scoped_user(
        "YZ-DEPT-FGW",
        ("all", ("documents.view_policydocument",)),
        (
            "unit_and_below",
            ("documents.change_policydocument", "documents.adopt_policydocument"),
        ),
    )
    item = plan.items.order_by("pk").first()
    with pytest.raises(PermissionDenied) as refused:
        actions.save_draft(plan.pk, actor=reader, items=[{"id": item.pk, "title": "越界"}])
    assert str(refused.value) == "您无权修改该文件。"
    before = _counts()
    with pytest.raises(PermissionDenied):
        actions.adopt(plan.pk, actor=reader)
    assert _counts() == before
    item.refresh_from_db()
    plan.refresh_from_db()
    assert item.title != "越界" and not plan.is_adopted
    # Without the adopt permission the refusal names it, before the scope is asked.
    viewer = scoped_user("YZ-DEPT-FGW", ("all", ("documents.view_policydocument",)))
    with pytest.raises(PermissionDenied) as refused:
        actions.adopt(plan.pk, actor=viewer)
    assert str(refused.value) == "您无权采纳任务分解。"
