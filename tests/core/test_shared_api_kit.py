"""The shared pieces of the API, filter and form modules: object_action endpoints,
requested_period, ScopedFilterSet with unit_filter and date_range, yes_or_no and
text_field."""

import datetime as dt

import django_filters
import pytest
from django import forms
from django.test import RequestFactory
from django.utils import timezone

from mingzhu.core.filters import ScopedFilterSet, date_range, unit_filter
from mingzhu.core.forms import text_field, yes_or_no
from mingzhu.org.choices import TOWN_KINDS
from mingzhu.org.models import OrgUnit
from mingzhu.tasks.models import Task
from mingzhu.urls import router


class _UnitFilter(ScopedFilterSet):
    town = unit_filter(TOWN_KINDS, "Town", area="parent")
    plain = unit_filter(TOWN_KINDS, "Plain", field_name="parent")
    other = django_filters.ModelChoiceFilter(queryset=OrgUnit.objects.all())

    class Meta:
        model = OrgUnit
        fields = ["town", "plain", "other"]


class _TaskFilter(django_filters.FilterSet):
    deadline_after, deadline_before = date_range("deadline", "From", "To")
    created_at_after, created_at_before = date_range("created_at", "From", "To", on_date=True)

    class Meta:
        model = Task
        fields = ["deadline_after", "deadline_before", "created_at_after", "created_at_before"]


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def _town_outside(user) -> OrgUnit:
    seen = OrgUnit.objects.restrict(user, "view")
    return OrgUnit.objects.filter(kind__in=TOWN_KINDS).exclude(pk__in=seen.values("pk")).first()


def test_a_unit_filter_offers_and_accepts_only_units_in_scope(xinba):
    filterset = _UnitFilter(queryset=OrgUnit.objects.all(), request=_request(xinba))
    offered = set(filterset.filters["town"].queryset)
    assert offered and offered <= set(OrgUnit.objects.restrict(xinba, "view"))
    assert all(unit.kind in TOWN_KINDS for unit in offered)
    outside = _town_outside(xinba)
    assert outside is not None and outside not in offered
    refused = _UnitFilter(
        {"town": outside.pk}, queryset=OrgUnit.objects.all(), request=_request(xinba)
    )
    assert not refused.is_valid() and "town" in refused.errors
    # A filter not marked InScope keeps every row.
    assert filterset.filters["other"].queryset.count() == OrgUnit.objects.count()


def test_a_unit_filter_with_an_area_keeps_the_whole_branch(leader):
    town = OrgUnit.objects.filter(kind__in=TOWN_KINDS, children__children__isnull=False).first()
    rows = OrgUnit.objects.all()
    within = _UnitFilter({"town": town.pk}, queryset=rows, request=_request(leader)).qs
    expected = rows.filter(parent__path__startswith=town.path)
    assert set(within) == set(expected)
    assert any(unit.parent_id != town.pk for unit in within)  # grandchildren too
    direct = _UnitFilter({"plain": town.pk}, queryset=rows, request=_request(leader)).qs
    assert set(direct) == set(rows.filter(parent=town))


def test_a_date_range_includes_both_days(db):
    task = Task.objects.exclude(deadline__isnull=True).first()
    day = task.deadline
    tasks = Task.objects.all()
    same_day = _TaskFilter(
        {"deadline_after": day, "deadline_before": day}, queryset=tasks
    ).qs.values_list("pk", flat=True)
    assert task.pk in same_day
    later = _TaskFilter({"deadline_after": day + dt.timedelta(days=1)}, queryset=tasks).qs
    assert task not in later
    created = timezone.localdate(task.created_at)
    by_creation = _TaskFilter(
        {"created_at_after": created, "created_at_before": created}, queryset=tasks
    ).qs
    assert task in by_creation


def test_yes_or_no_cleans_to_a_boolean_and_keeps_its_order():
    class _Form(forms.Form):
        upheld = yes_or_no("Outcome", "Upheld", "Dismissed", no_first=True)
        note = text_field("Note", rows=4, required=False)

    yes = _Form({"upheld": "yes"})
    assert yes.is_valid() and yes.cleaned_data["upheld"] is True
    no = _Form({"upheld": "no"})
    assert no.is_valid() and no.cleaned_data["upheld"] is False
    assert not _Form({"upheld": "maybe"}).is_valid()
    form = _Form()
    assert [value for value, _label in form.fields["upheld"].choices] == ["no", "yes"]
    assert isinstance(form.fields["note"].widget, forms.Textarea)
    assert form.fields["note"].widget.attrs["rows"] == 4


def _object_actions():
    for prefix, viewset, _basename in router.registry:
        for extra in viewset.get_extra_actions():
            if extra.detail and "post" in extra.mapping:
                yield prefix, extra.url_path


def test_an_action_endpoint_is_named_with_dashes_unless_told_otherwise():
    from mingzhu.party.api import VisitViewSet
    from mingzhu.tasks.api import TaskViewSet

    assert TaskViewSet.request_closure.url_path == "request-closure"
    assert VisitViewSet.raise_task.url_path == "raise-task"
    assert TaskViewSet.return_for_rework.url_path == "return"
    assert TaskViewSet.return_for_rework.url_name == "return"
    assert TaskViewSet.request_closure.mapping == {"post": "request_closure"}


@pytest.mark.parametrize("prefix,path", list(_object_actions()))
def test_an_action_on_a_missing_row_answers_json_never_a_500(as_user, leader, prefix, path):
    # Refused as invalid input, not allowed, or not found: each with its code.
    response = as_user(leader).post(f"/api/v1/{prefix}/999999999/{path}/", {})
    assert response.status_code in (400, 403, 404), response.content
    body = response.json()
    assert body.get("code") or body.get("codes")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/grid/metrics/",
        "/api/v1/risks/hazard-metrics/",
        "/api/v1/tasks/metrics/",
        "/api/v1/enterprises/demand-rates/",
    ],
)
def test_a_report_period_is_checked(as_user, leader, path):
    bad = as_user(leader).get(path, {"from": "2025-13-40"})
    assert bad.status_code == 400 and "from" in bad.json()
    backwards = as_user(leader).get(path, {"from": "2025-06-01", "to": "2025-01-01"})
    assert backwards.status_code == 400
    good = as_user(leader).get(path, {"from": "2025-01-01", "to": "2025-06-30"})
    assert good.status_code == 200
    assert good.json()["from"] == "2025-01-01" and good.json()["to"] == "2025-06-30"


def test_a_report_needs_its_permission(as_user, outsider):
    for path in ("/api/v1/grid/metrics/", "/api/v1/risks/hazard-metrics/"):
        response = as_user(outsider).get(path)
        assert response.status_code == 403 and response.json()["code"] == "permission_denied"


def test_shown_fields_put_the_id_first_and_read_only_fields_after_their_relation():
    from mingzhu.core.api import shown_fields

    assert shown_fields(["code", "town", "name"], after={"town": ("town_name",)}, end=("x",)) == [
        "id",
        "code",
        "town",
        "town_name",
        "name",
        "x",
    ]
    assert shown_fields(("a",)) == ["id", "a"]


def test_an_api_shows_the_fields_its_form_edits():
    from mingzhu.enterprises.api import EnterpriseSerializer
    from mingzhu.enterprises.forms import EnterpriseForm
    from mingzhu.targets.api import IndicatorSerializer
    from mingzhu.targets.forms import IndicatorForm

    assert set(EnterpriseForm.Meta.fields) < set(EnterpriseSerializer.Meta.fields)
    assert set(IndicatorSerializer.Meta.fields) - {"id"} == set(IndicatorForm.Meta.fields) - {
        "sort_order"
    }
