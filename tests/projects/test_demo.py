from collections import Counter

from django.db.models import Q

from mingzhu.appraisal import demo as appraisal_demo
from mingzhu.appraisal.models import AppraisalResult, FlagAward
from mingzhu.projects import demo
from mingzhu.projects.models import FactorRequest, Inspection, InspectionScore, Project


def test_the_demo_has_projects_in_every_stage_and_size(db):
    projects = Project.objects.filter(is_illustrative=True)
    assert 75 <= projects.count() <= 90
    stages = Counter(projects.values_list("stage", flat=True))
    assert set(stages) == {
        "negotiating",
        "signed",
        "landed",
        "under_construction",
        "in_operation",
        "suspended",
    }
    assert projects.filter(total_investment__gte=500_000).count() >= 2
    assert projects.filter(total_investment__gte=300_000, total_investment__lt=500_000).exists()
    assert projects.values("town").distinct().count() == 8
    assert projects.values("chain").distinct().count() == 6
    # Every date of a project's stages is kept in its history.
    signed = projects.exclude(signed_on=None).first()
    assert signed.stage_changes.filter(to_stage="signed", on=signed.signed_on).exists()
    assert not projects.filter(Q(stage="suspended") & Q(suspension_reason="")).exists()


def test_the_demo_has_factor_requests_in_every_state(db):
    states = {r.status for r in FactorRequest.objects.select_related("task")}
    assert {
        "submitted",
        "assigned",
        "accepted",
        "in_progress",
        "closure_requested",
        "returned",
        "closed",
        "cancelled",
    } <= states
    for request in FactorRequest.objects.exclude(task=None).select_related("task"):
        assert request.task.source_kind == "factor_request"
        assert request.task.object_id == request.pk
    assert Inspection.objects.exists() and InspectionScore.objects.exists()


def test_the_demo_has_published_flags_for_past_quarters(db):
    published = AppraisalResult.objects.filter(scheme_code="towns_projects", status="published")
    assert published.count() == 6
    assert FlagAward.objects.filter(colour="red").count() == 6
    assert FlagAward.objects.filter(colour="yellow").count() == 6


def test_loading_the_demo_again_changes_nothing(db):
    before = (
        Project.objects.count(),
        FactorRequest.objects.count(),
        AppraisalResult.objects.count(),
    )
    assert demo.load() == 0
    assert appraisal_demo.load() == 0
    after = (
        Project.objects.count(),
        FactorRequest.objects.count(),
        AppraisalResult.objects.count(),
    )
    assert after == before
