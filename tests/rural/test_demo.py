"""The demo step: its records, flagged illustrative, and idempotent."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from mingzhu.org.choices import UnitKind
from mingzhu.org.models import OrgUnit
from mingzhu.rural import demo
from mingzhu.rural.models import (
    Facility,
    FacilityFault,
    InspectionScore,
    Remediation,
    ScoringSheet,
    SecretaryPlan,
    VillageInspection,
)
from mingzhu.tasks.choices import SourceKind
from mingzhu.tasks.models import Task


def test_the_demo_holds_every_part(db):
    naturals = OrgUnit.objects.filter(kind=UnitKind.NATURAL_VILLAGE)
    assert naturals.count() >= 24 and all(u.is_illustrative for u in naturals)
    assert all(u.parent.kind == UnitKind.VILLAGE for u in naturals.select_related("parent"))
    assert naturals.filter(code="YZ-XINBA-V02-N01").exists()
    assert 250 <= Facility.objects.count() <= 400
    assert FacilityFault.objects.filter(task__isnull=True).exists()
    assert FacilityFault.objects.filter(task__status="closed").exists()
    assert Facility.objects.filter(maintainer__isnull=True).exists()
    assert ScoringSheet.objects.filter(is_illustrative=True).count() == 2
    assert VillageInspection.objects.values("sheet").distinct().count() == 2
    assert InspectionScore.objects.filter(task__isnull=False).exists()
    assert SecretaryPlan.objects.filter(review_score__isnull=False).exists()
    assert Remediation.objects.filter(task__status="closed").exists()
    # Every task points back at its domain object.
    for kind, model in [
        (SourceKind.REMEDIATION, Remediation),
        (SourceKind.VILLAGE_INSPECTION, InspectionScore),
        (SourceKind.FACILITY_FAULT, FacilityFault),
    ]:
        tasks = Task.objects.filter(source_kind=kind, issuer__code="YZ-DEPT-NYNC")
        assert tasks.exists()
        assert all(isinstance(t.source_object, model) for t in tasks[:20])
        assert not tasks.filter(object_id__isnull=True).exists()


def test_loading_again_changes_nothing(db):
    counts = (Task.objects.count(), Facility.objects.count(), OrgUnit.objects.count())
    with CaptureQueriesContext(connection) as queries:
        result = demo.load()
    assert result["tasks"] == 0
    assert (Task.objects.count(), Facility.objects.count(), OrgUnit.objects.count()) == counts
    assert len(queries) < 20
