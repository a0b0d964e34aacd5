"""The declarative pieces of the generic views that the modules' pages are written with:
an action's page made in one call (``ActionFormView.step``), fields preset to today and
this year (``today``, ``this_year``), the import page's template found by its own name."""

import datetime as dt

import pytest
from django import forms
from django.test import RequestFactory
from django.urls import resolve, reverse
from django.utils import timezone

from mingzhu.core.views import ActionFormView, ImportView
from mingzhu.org.models import OrgUnit

pytestmark = pytest.mark.tree


class _NoteForm(forms.Form):
    note = forms.CharField()
    on = forms.DateField(required=False)
    year = forms.IntegerField(required=False)


def dispatch_unit(pk, *, actor, note, on, year):
    return ("dispatched", pk, actor, note)


class _UnitActionView(ActionFormView):
    model = OrgUnit
    select_related = ("parent",)


def _page(view_class, user, method="get", data=None, path="/"):
    request = getattr(RequestFactory(), method)(path, data or {})
    request.user = user
    view = view_class()
    view.setup(request)
    return view


def test_a_step_is_the_base_page_for_one_more_action(supervisor):
    page = _UnitActionView.step(
        dispatch_unit, _NoteForm, "Dispatch", requires=("org.view_orgunit",)
    )
    assert issubclass(page, _UnitActionView) and page.select_related == ("parent",)
    assert (page.__name__, page.__qualname__, page.__module__) == (
        "DispatchUnitView",
        "DispatchUnitView",
        __name__,
    )
    assert (page.form_class, page.title, page.requires) == (
        _NoteForm,
        "Dispatch",
        ("org.view_orgunit",),
    )
    # The action is called as a page's own ``action`` is: the object's id, actor, fields.
    view = _page(page, supervisor, "post", {"note": "n"})
    unit = supervisor.unit
    form = view.get_form(unit, view.request.POST)
    assert form.is_valid()
    assert page.action is dispatch_unit
    assert view.run(unit, form) is None  # back to the object, without ``follow_result``
    followed = _page(_UnitActionView.step(dispatch_unit, _NoteForm, follow_result=True), supervisor)
    assert followed.run(unit, form) == ("dispatched", unit.pk, supervisor, "n")
    # The base keeps no trace of its steps.
    assert _UnitActionView.action is None and _UnitActionView.form_class is not _NoteForm


def test_fields_preset_to_today_and_this_year(supervisor, monkeypatch):
    day = dt.date(2026, 3, 9)
    monkeypatch.setattr(timezone, "localdate", lambda *args: day)

    class Dated(_UnitActionView):
        form_class = _NoteForm
        today = ("on",)
        this_year = ("year",)

    assert _page(Dated, supervisor).get_form(None).initial == {"on": day, "year": 2026}

    class Told(Dated):
        def initial(self, obj):
            return {"year": 2020}

    # The page's own ``initial`` has the last word; the query's presets come first.
    assert _page(Told, supervisor).get_form(None).initial == {"on": day, "year": 2020}
    assert _page(_UnitActionView, supervisor).get_form(None).initial == {}


def test_an_import_page_finds_its_template_by_its_own_name(supervisor):
    class Page(ImportView):
        model = OrgUnit

    def at(name):
        view = _page(Page, supervisor, path=reverse(name))
        view.request.resolver_match = resolve(reverse(name))
        return view.template_url(None)

    assert at("party:partymember_import") == reverse("party:partymember_template")
    assert at("livelihood:coverage_import") == reverse("livelihood:coverage_template")
    # No template page of that name (the holiday import has none), or not an import page.
    assert at("tasks:holidayyear_import") == ""
    assert at("party:partymember_list") == ""

    class Named(Page):
        template_url_name = "rural:facility_template"

    named = _page(Named, supervisor)
    assert named.template_url(None) == reverse("rural:facility_template")


def test_an_import_goes_to_its_object_or_its_list_unless_the_page_says(supervisor):
    class Page(ImportView):
        model = OrgUnit

    view = _page(Page, supervisor)
    assert view.imported_url(None) == reverse("org:orgunit_list")
    assert view.imported_url(supervisor.unit) == supervisor.unit.get_absolute_url()

    class ToTheYear(Page):
        def imported_url(self, obj):
            return "/year/"

    # What the confirmed import answers: the page's choice, after its messages.
    assert _page(ToTheYear, supervisor).imported_url(None) == "/year/"


def test_a_computed_column_is_annotated_on_the_rows_it_shows(supervisor):
    from django.db.models import Count

    from mingzhu.core.tables import Column
    from mingzhu.core.views import ObjectListView

    class Units(ObjectListView):
        model = OrgUnit
        columns = ["name", Column("below", "Below", computed=Count("children"))]
        annotate = {"depth_named": Count("children")}

    view = _page(Units, supervisor)
    rows = view.get_queryset()
    assert {"below", "depth_named"} <= set(rows.query.annotations)
    unit = rows.get(pk=supervisor.unit.pk)
    assert view.columns[1].value(unit) == supervisor.unit.children.count()
    # It names no relation to join, and needs its label (no field to take it from).
    assert view.columns[1].joins(OrgUnit) == []
    assert str(view.columns[1].label) == "Below"


def test_who_is_offered_the_add_button_and_the_heading(supervisor, grid_worker):
    from mingzhu.core.views import ObjectListView

    class Units(ObjectListView):
        model = OrgUnit

    def context(view_class, user):
        return _page(view_class, user).meta_context()

    plain = context(Units, supervisor)
    assert plain["can_add"] == supervisor.has_perm("org.add_orgunit")
    assert plain["verbose_name_plural"] == OrgUnit._meta.verbose_name_plural

    class Made(Units):
        add_test = staticmethod(lambda user: user.username == supervisor.username)
        heading = "Units of mine"

    assert context(Made, supervisor)["can_add"] is True
    assert context(Made, grid_worker)["can_add"] is False
    assert context(Made, supervisor)["verbose_name_plural"] == "Units of mine"

    class Elsewhere(Made):
        addable = False

    assert context(Elsewhere, supervisor)["can_add"] is False


def test_permission_flags_on_detail_and_report_pages(supervisor, grid_worker):
    from mingzhu.core.reports import ReportView
    from mingzhu.core.views import ObjectDetailView

    flags = {"can_view": "org.view_orgunit", "can_both": ("org.view_orgunit", "tasks.add_task")}

    class Detail(ObjectDetailView):
        model = OrgUnit
        permission_flags = flags

    class Report(ReportView):
        model = OrgUnit
        permission_flags = flags

        def report(self):
            return {}

    for user in (supervisor, grid_worker):
        want = {
            "can_view": user.has_perm("org.view_orgunit"),
            "can_both": user.has_perms(("org.view_orgunit", "tasks.add_task")),
        }
        assert _page(Detail, user).listed_context(user.unit) == want
        assert _page(Report, user).flags() == want
    assert supervisor.has_perm("tasks.add_task") and not grid_worker.has_perm("tasks.add_task")


def test_reference_data_may_keep_its_pages_to_its_readers(supervisor, grid_worker):
    from django.core.exceptions import PermissionDenied

    from mingzhu.core.views import ObjectListView
    from mingzhu.notify.models import Job

    assert Job.scope_global and not grid_worker.has_perm("notify.view_job")

    class Jobs(ObjectListView):
        model = Job

    _page(Jobs, grid_worker).require_permission("view")  # read by everyone signed in

    class OwnersOnly(Jobs):
        permission_always = True

    with pytest.raises(PermissionDenied):
        _page(OwnersOnly, grid_worker).require_permission("view")
    for action in ("view", "change"):
        view = _page(OwnersOnly, supervisor)
        if supervisor.has_perm(f"notify.{action}_job"):
            view.require_permission(action)
        else:
            with pytest.raises(PermissionDenied):
                view.require_permission(action)


def test_related_records_of_the_object_alone_are_all_listed(xinba):
    from mingzhu.core.views import Related

    root = OrgUnit.objects.get(pk=xinba.unit_id).parent  # the city above the town
    everything = set(root.children.all())
    assert set(Related("children", scoped=False).records(root, xinba)) == everything
    assert set(Related("children").records(root, xinba)) < everything
    first = Related("children", order=("-pk",), limit=1, scoped=False).records(root, xinba)
    assert list(first) == [max(everything, key=lambda unit: unit.pk)]
