"""The demo: both seeds stored, decomposed and adopted, wired into the task engine's
demo list and the targets module's four targets."""

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

from mingzhu.documents import demo, seeds
from mingzhu.documents.models import DocumentItem, DocumentTarget, LeadRule, PolicyDocument
from mingzhu.targets.models import Target
from mingzhu.tasks.choices import SourceKind
from mingzhu.tasks.demo import ITEMS, LIST_NAME
from mingzhu.tasks.models import Task, TaskList


def test_it_adopts_the_first_seed_into_the_task_engines_demo_list(db):
    document = PolicyDocument.objects.get(source=seeds.SOURCE_1)
    task_list = TaskList.objects.get(name=LIST_NAME)
    assert document.task_list == task_list and document.is_adopted
    # Every one of the list's tasks is linked to its item; no second list, no new task.
    assert task_list.tasks.count() == len(ITEMS)
    item_type = ContentType.objects.get_for_model(DocumentItem)
    for item in document.items.select_related("task"):
        assert item.task.task_list == task_list
        assert item.task.source_kind == SourceKind.DOCUMENT
        assert (item.task.content_type, item.task.object_id) == (item_type, item.pk)
    titles = dict(document.items.values_list("code", "task__title"))
    assert titles["2.1"] == "加大项目引建力度" and titles["3.3"] == "提升城市文明内涵"
    assert titles["1.3"].startswith("三量齐升")


def test_it_links_the_four_seed_targets_without_doubling_them(db):
    document = PolicyDocument.objects.get(source=seeds.SOURCE_1)
    numeric = document.targets.exclude(value=None).select_related("target__indicator")
    assert Target.objects.count() == 4
    assert {(t.target.indicator.code, t.target.comparator, t.target.value) for t in numeric} == {
        ("GDP", ">", Decimal("800")),
        ("GPBR", ">", Decimal("50")),
        ("ITS", ">", Decimal("1500")),
        ("ENT100", ">=", Decimal("5")),
    }
    civilised = document.targets.get(value=None)
    assert civilised.indicator_name == "创成全国文明城市" and civilised.target is None
    assert civilised.item.task.title == "提升城市文明内涵"


def test_it_adopts_the_second_seed_as_an_illustrative_list_of_its_own(db):
    document = PolicyDocument.objects.get(source=seeds.SOURCE_2)
    assert document.is_illustrative and document.targets.count() == 0
    tasks = Task.objects.filter(task_list=document.task_list)
    assert tasks.count() == document.items.count() == 12
    assert all(t.is_illustrative and t.source_kind == SourceKind.DOCUMENT for t in tasks)
    assert document.task_list.is_illustrative


def test_it_seeds_the_keyword_table(db):
    rule = LeadRule.objects.get(keyword="文明城市")
    assert rule.unit.code == "YZ-DEPT-WMB"
    assert LeadRule.objects.get(keyword="教育").unit is None


def test_loading_it_again_changes_nothing(db):
    counts = (
        PolicyDocument.objects.count(),
        DocumentItem.objects.count(),
        DocumentTarget.objects.count(),
        Task.objects.count(),
        LeadRule.objects.count(),
    )
    assert demo.load() == {"rules": 0, "documents": 0}
    assert counts == (
        PolicyDocument.objects.count(),
        DocumentItem.objects.count(),
        DocumentTarget.objects.count(),
        Task.objects.count(),
        LeadRule.objects.count(),
    )
