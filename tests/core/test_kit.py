"""The shared pieces every module uses: periods, rates, form errors, the scoped locked
look-up of an action."""

import datetime as dt

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, QueryDict

from mingzhu.core import periods
from mingzhu.core.actions import fetch_locked, require, require_in_scope, save_unique
from mingzhu.core.forms import add_errors
from mingzhu.org.models import OrgUnit

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


def test_month_bounds_cross_the_year():
    assert periods.month_bounds(2025, 12) == (dt.date(2025, 12, 1), dt.date(2025, 12, 31))
    assert periods.month_bounds(2024, 2) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert periods.add_months(dt.date(2025, 11, 17), 3) == dt.date(2026, 2, 1)
    assert periods.add_months(dt.date(2025, 1, 31), -1) == dt.date(2024, 12, 1)


def test_month_from_a_query_string():
    assert periods.month(QueryDict("month=2025-03")) == (2025, 3, None)
    year, month, error = periods.month(QueryDict("month=2025-13"))
    assert error and (year, month) != (2025, 13)
    assert periods.month(QueryDict("month=abc"))[2]
    with pytest.raises(ValueError):
        periods.parse_month("1999-01")


def test_quarters():
    assert periods.quarter_of(dt.date(2025, 8, 1)) == (2025, 3)
    assert periods.quarter_bounds(2025, 4) == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    assert periods.quarter_bounds(2025, 1) == (dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    assert periods.quarter_start(dt.date(2025, 5, 20)) == dt.date(2025, 4, 1)
    assert periods.previous_quarter((2025, 1)) == (2024, 4)
    assert periods.parse_quarter("2025q2") == (2025, 2)
    assert periods.parse_quarter("2025-Q2") == (2025, 2)
    assert periods.parse_quarter("", dt.date(2026, 11, 3)) == (2026, 4)
    assert periods.quarter_label((2025, 2)) == "2025Q2"
    for bad in ("2025Q5", "Q2", "2025", "", "99999Q1"):
        with pytest.raises(ValueError):
            periods.parse_quarter(bad)
    with pytest.raises(ValueError):
        periods.quarter_bounds(2025, 0)


def test_rate():
    assert periods.rate(1, 3) == 0.3333
    assert periods.rate(1, 3, None) == pytest.approx(1 / 3)
    assert periods.rate(5, 0) is None


def test_percent():
    assert periods.percent(0.87654) == 87.7
    assert periods.percent(0) == 0
    assert periods.percent(None) is None


class _Form(forms.Form):
    name = forms.CharField()


def test_action_errors_land_on_the_form():
    form = _Form({"name": "x"})
    assert form.is_valid()
    add_errors(form, ValidationError({"name": "太长", "other": "别处"}))
    assert form.errors["name"] == ["太长"]
    assert form.non_field_errors() == ["别处"]
    form = _Form({"name": "x"})
    form.is_valid()
    add_errors(form, ValidationError("整体不行"))
    assert form.non_field_errors() == ["整体不行"]


@pytest.mark.django_db
def test_fetch_locked_answers_404_outside_scope(xinba, leader):
    town = OrgUnit.objects.get(pk=xinba.unit_id)
    other = OrgUnit.objects.filter(kind="town").exclude(pk=town.pk).first()
    with transaction.atomic():
        assert fetch_locked(OrgUnit, town.pk, xinba).pk == town.pk
        assert fetch_locked(OrgUnit, other, leader).pk == other.pk
        with pytest.raises(Http404):
            fetch_locked(OrgUnit, other.pk, xinba)
        with pytest.raises(Http404):
            fetch_locked(OrgUnit, 10**9, leader)


@pytest.mark.django_db
def test_action_refusals_shared_by_the_modules(xinba, leader):
    from django.contrib.auth import get_user_model
    from django.core.exceptions import PermissionDenied

    town = OrgUnit.objects.get(pk=xinba.unit_id)
    other = OrgUnit.objects.filter(kind="town").exclude(pk=town.pk).first()
    with pytest.raises(PermissionDenied, match="不行"):
        require(xinba, "no_such.permission", "不行")
    require_in_scope(town, xinba, "view", PermissionDenied("外"))
    require_in_scope(other, leader, "view", PermissionDenied("外"))
    with pytest.raises(PermissionDenied, match="外"):
        require_in_scope(other, xinba, "view", PermissionDenied("外"))
    twin = get_user_model()(username=xinba.username)
    with transaction.atomic():
        with pytest.raises(ValidationError) as refused:
            save_unique(twin, "username", "重名")
        assert refused.value.message_dict == {"username": ["重名"]}
        assert OrgUnit.objects.filter(pk=town.pk).exists()  # the transaction is still usable


def test_object_urls_fill_in_the_plain_views():
    from mingzhu.core.routing import object_urls
    from mingzhu.core.views import (
        HistoryTabMixin,
        ObjectDeleteView,
        ObjectDetailView,
        ObjectEditView,
        ObjectListView,
        ReadOnlyMixin,
    )

    class Listing(ObjectListView):
        model = OrgUnit

    class Detail(ReadOnlyMixin, ObjectDetailView):
        model = OrgUnit

    class UnitForm(forms.ModelForm):
        class Meta:
            model = OrgUnit
            fields = ["name"]

    def views(**kwargs):
        urls = object_urls("units", "orgunit", list_view=Listing, detail=Detail, **kwargs)
        return {u.name: u.callback.view_class for u in urls}

    plain = views()
    assert set(plain) == {"orgunit_list", "orgunit_detail", "orgunit_history"}
    history = plain["orgunit_history"]
    # The detail page's own history tab: its look-up, scope and buttons (none here).
    assert issubclass(history, HistoryTabMixin) and issubclass(history, Detail)
    assert history.model is OrgUnit
    assert (history.editable, history.deletable) == (False, False)

    full = views(form=UnitForm, delete=True)
    assert issubclass(full["orgunit_edit"], ObjectEditView)
    assert full["orgunit_edit"] is full["orgunit_add"]
    assert full["orgunit_edit"].form_class is UnitForm
    assert issubclass(full["orgunit_delete"], ObjectDeleteView)
    assert full["orgunit_delete"].model is OrgUnit


def test_model_pages_find_the_views_by_name():
    import types

    from django.core.exceptions import ImproperlyConfigured

    from mingzhu.core.routing import ModelPages
    from mingzhu.core.views import ObjectDetailView, ObjectEditView, ObjectListView

    class UnitListView(ObjectListView):
        model = OrgUnit

    class UnitDetailView(ObjectDetailView):
        model = OrgUnit

    class UnitEditView(ObjectEditView):
        model = OrgUnit

    class MoveView(ObjectEditView):
        model = OrgUnit

    module = types.ModuleType("unit_views")
    module.UnitListView, module.UnitDetailView = UnitListView, UnitDetailView
    pages = ModelPages(module)

    def routes(**kwargs):
        return {str(u.pattern): (u.name, u.callback.view_class) for u in pages(**kwargs)}

    read_only = routes(prefix="units", stem="Unit")
    assert set(read_only) == {"units/", "units/<int:pk>/", "units/<int:pk>/history/"}
    assert read_only["units/<int:pk>/"] == ("orgunit_detail", UnitDetailView)

    module.UnitEditView = UnitEditView
    found = routes(prefix="", stem="Unit", actions={"move": MoveView}, collection={"x": MoveView})
    assert found["add/"] == ("orgunit_add", UnitEditView)
    assert found["<int:pk>/edit/"] == ("orgunit_edit", UnitEditView)
    assert found["<int:pk>/move/"] == ("orgunit_move", MoveView)
    assert found["x/"] == ("orgunit_x", MoveView)
    assert "<int:pk>/delete/" not in found

    # A view passed by keyword wins over the one of that name; add=False gives no add page.
    chosen = routes(prefix="units", stem="Unit", edit=MoveView, add=False)
    assert chosen["units/<int:pk>/edit/"] == ("orgunit_edit", MoveView)
    assert "units/add/" not in chosen

    with pytest.raises(ImproperlyConfigured):
        pages("units", "Unit", form=forms.Form)
    with pytest.raises(ImproperlyConfigured):
        pages("units", "Nothing")
