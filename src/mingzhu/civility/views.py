from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from mingzhu.core.excel import write_xlsx, xlsx_response
from mingzhu.core.periods import year as year_param
from mingzhu.core.scope import restrict
from mingzhu.core.tables import Column
from mingzhu.core.views import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    ObjectMixin,
    model_url,
)
from mingzhu.org.models import OrgUnit
from mingzhu.tasks.choices import Light
from mingzhu.tasks.models import TaskList

from . import actions, services
from .choices import ApplicationStatus, ObjectionOutcome
from .cockpit import campaign_tasks
from .filters import ActivityFilter, ApplicationFilter
from .forms import (
    AwardForm,
    CategoryForm,
    ObjectionForm,
    ParticipationForm,
    PublishForm,
    RefuseForm,
    ResolveForm,
    ReviewForm,
    SubmitForm,
    VolunteerActivityForm,
)
from .models import Application, Category, Objection, Participation, VolunteerActivity

L = gettext_lazy
S = ApplicationStatus


def add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class ReadOnlyMixin:
    """Objects that change only through their actions: no edit or delete page."""

    editable = False
    deletable = False


# Categories (reference data) ---------------------------------------------------------


class CategoryMixin:
    """Categories are read by those who read applications."""

    def require_permission(self, action):
        if action == "view":
            if not self.request.user.has_perm("civility.view_application"):
                raise PermissionDenied
            return
        super().require_permission(action)


class CategoryListView(CategoryMixin, ObjectListView):
    model = Category
    columns = [
        Column("name", L("Name"), link=True),
        Column("kind", L("Kind")),
        Column("notice_days", L("Public notice (days)")),
        Column("is_active", L("Active")),
    ]


class CategoryDetailView(CategoryMixin, ObjectDetailView):
    model = Category

    def get_object(self, pk):
        self.require_permission("view")
        return super().get_object(pk)


class CategoryHistoryView(CategoryMixin, ObjectHistoryView):
    model = Category

    def get_object(self, pk):
        self.require_permission("view")
        return super().get_object(pk)


class CategoryEditView(ObjectEditView):
    model = Category
    form_class = CategoryForm


class CategoryDeleteView(ObjectDeleteView):
    model = Category


# Applications --------------------------------------------------------------------------


class ApplicationListView(ObjectListView):
    model = Application
    select_related = ("category", "unit")
    filterset_class = ApplicationFilter
    columns = [
        Column("applicant", L("Applicant"), link=True),
        Column("category", L("Creation category")),
        Column("year", L("Year")),
        Column("unit", L("Unit")),
        Column("status", L("Status")),
        Column("submitted_on", L("Submitted on")),
        Column("notice_end", L("Notice to")),
    ]


class ApplicationDetailView(ReadOnlyMixin, ObjectDetailView):
    model = Application
    select_related = ("category", "unit")

    def get_extra_context(self, obj):
        user = self.request.user
        today = timezone.localdate()
        decide = actions.may_decide(user)
        objections = list(obj.objections.all())
        blockers = services.award_blockers(
            obj.status, obj.notice_end, [o.outcome for o in objections], today
        )
        return {
            "events": obj.events.select_related("actor"),
            "objections": objections,
            "notice_running": obj.notice_running_on(today),
            "can_review": decide and obj.status == S.SUBMITTED,
            "can_publish": decide and obj.status == S.APPROVED,
            "can_object": decide and obj.status == S.ON_NOTICE,
            "can_resolve": decide and obj.status == S.ON_NOTICE,
            "can_award": decide and obj.status == S.ON_NOTICE and not blockers,
            "can_refuse": decide
            and obj.status == S.ON_NOTICE
            and all(o.outcome != ObjectionOutcome.PENDING for o in objections),
            "blockers": [actions.blocker_text(b, obj) for b in blockers]
            if obj.status == S.ON_NOTICE
            else [],
        }


class ApplicationHistoryView(ReadOnlyMixin, ObjectHistoryView):
    model = Application


class SubmitView(ObjectMixin, View):
    model = Application
    template_name = "civility/submit.html"

    def form(self):
        data = self.request.POST if self.request.method == "POST" else None
        initial = {"year": timezone.localdate().year}
        return SubmitForm(data, initial=initial, user=self.request.user)

    def get(self, request):
        self.require_permission("add")
        return render(request, self.template_name, {**self.meta_context(), "form": self.form()})

    def post(self, request):
        self.require_permission("add")
        form = self.form()
        if form.is_valid():
            try:
                app = actions.submit_application(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Submitted: %(object)s") % {"object": app})
                return HttpResponseRedirect(app.get_absolute_url())
        return render(
            request, self.template_name, {**self.meta_context(), "form": form}, status=400
        )


class ApplicationActionView(ObjectMixin, View):
    """A form page for one step of an application; only the civilisation office."""

    model = Application
    form_class = None
    title = ""
    template_name = "civility/action.html"

    def target(self, pk):
        obj = get_object_or_404(self.restricted("view").select_related("category"), pk=pk)
        if not actions.may_decide(self.request.user):
            raise PermissionDenied
        return obj

    def initial(self, obj) -> dict:
        today = timezone.localdate()
        return {"on": today, "start": today, "received_on": today}

    def render_form(self, obj, form, status=200):
        context = {**self.meta_context(), "object": obj, "form": form, "title": self.title}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk, **kwargs):
        obj = self.target(pk)
        return self.render_form(obj, self.form_class(initial=self.initial(obj), user=request.user))

    def post(self, request, pk, **kwargs):
        obj = self.target(pk)
        form = self.form_class(request.POST, user=request.user)
        if form.is_valid():
            try:
                self.run(obj, form.cleaned_data, **kwargs)
            except actions.ApplicationError as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Done."))
                return HttpResponseRedirect(obj.get_absolute_url())
        return self.render_form(obj, form, status=400)


class ReviewView(ApplicationActionView):
    form_class = ReviewForm
    title = L("Review the application")

    def run(self, obj, data):
        actions.review_application(obj.pk, actor=self.request.user, **data)


class PublishView(ApplicationActionView):
    form_class = PublishForm
    title = L("Start the public notice")

    def run(self, obj, data):
        actions.publish_notice(obj.pk, actor=self.request.user, **data)


class ObjectionView(ApplicationActionView):
    form_class = ObjectionForm
    title = L("Record an objection")

    def run(self, obj, data):
        actions.record_objection(obj.pk, actor=self.request.user, **data)


class ResolveView(ApplicationActionView):
    form_class = ResolveForm
    title = L("Resolve the objection")

    def run(self, obj, data, objection):
        get_object_or_404(Objection.objects.filter(application=obj), pk=objection)
        actions.resolve_objection(objection, actor=self.request.user, **data)


class AwardView(ApplicationActionView):
    form_class = AwardForm
    title = L("Award the title")

    def run(self, obj, data):
        actions.award(obj.pk, actor=self.request.user, **data)


class RefuseView(ApplicationActionView):
    form_class = RefuseForm
    title = L("Do not award")

    def run(self, obj, data):
        actions.refuse(obj.pk, actor=self.request.user, **data)


# Volunteer activities ------------------------------------------------------------------


class ActivityListView(ObjectListView):
    model = VolunteerActivity
    select_related = ("organiser",)
    filterset_class = ActivityFilter
    columns = [
        Column("title", L("Title"), link=True),
        Column("held_on", L("Held on")),
        Column("organiser", L("Organiser")),
        Column("place", L("Place")),
        Column("hours", L("Service hours")),
        Column("volunteers", L("Volunteers"), accessor=lambda a: a.volunteers),
    ]

    def get_queryset(self):
        qs = super().get_queryset().annotate(volunteers=Count("participations"))
        return qs.order_by("-held_on", "-pk")


class ActivityDetailView(ObjectDetailView):
    model = VolunteerActivity
    select_related = ("organiser",)

    def get_extra_context(self, obj):
        user = self.request.user
        return {
            "participations": restrict(obj.participations.select_related("unit"), user, "view"),
            "can_participate": user.has_perm("civility.add_participation"),
        }


class ActivityHistoryView(ObjectHistoryView):
    model = VolunteerActivity


class ActivityEditView(ObjectEditView):
    model = VolunteerActivity
    form_class = VolunteerActivityForm


class ActivityDeleteView(ObjectDeleteView):
    model = VolunteerActivity


class ParticipationAddView(ObjectMixin, View):
    model = VolunteerActivity
    template_name = "civility/action.html"

    def target(self, pk):
        if not self.request.user.has_perm("civility.add_participation"):
            raise PermissionDenied
        return get_object_or_404(self.restricted("view"), pk=pk)

    def render_form(self, obj, form, status=200):
        context = {
            **self.meta_context(),
            "object": obj,
            "form": form,
            "title": _("Add a volunteer"),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk):
        obj = self.target(pk)
        return self.render_form(obj, ParticipationForm(user=request.user))

    def post(self, request, pk):
        obj = self.target(pk)
        form = ParticipationForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                actions.add_participation(actor=request.user, activity=obj, **form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Done."))
                return HttpResponseRedirect(obj.get_absolute_url())
        return self.render_form(obj, form, status=400)


class ParticipationListView(ObjectListView):
    model = Participation
    select_related = ("activity", "unit")
    columns = [
        Column("volunteer", L("Volunteer"), link=True),
        Column("unit", L("Volunteer's unit")),
        Column("activity", L("Activity")),
        Column("activity__held_on", L("Held on")),
        Column("hours", L("Service hours")),
    ]


class ParticipationMixin(ReadOnlyMixin):
    """A participation is added on its activity's page and may be deleted, not edited."""

    def object_context(self, obj):
        context = super().object_context(obj)
        deletable = restrict(Participation.objects.filter(pk=obj.pk), self.request.user, "delete")
        context["can_delete"] = deletable.exists()
        context["delete_url"] = model_url(Participation, "delete", obj.pk)
        return context


class ParticipationDetailView(ParticipationMixin, ObjectDetailView):
    model = Participation
    select_related = ("activity__organiser", "unit")


class ParticipationHistoryView(ParticipationMixin, ObjectHistoryView):
    model = Participation


class ParticipationDeleteView(ObjectDeleteView):
    model = Participation


class HoursView(ObjectMixin, View):
    """Volunteer hour totals per person and per unit for a year."""

    model = Participation

    def get(self, request):
        self.require_permission("view")
        year, error = year_param(request.GET)
        if error:
            messages.error(request, error)
        rows = self.restricted("view").filter(activity__held_on__year=year)
        totals = services.volunteer_totals(rows.values_list("volunteer", "unit_id", "hours"))
        ids = {p["unit"] for p in totals["people"]}
        names = dict(OrgUnit.objects.filter(pk__in=ids).values_list("pk", "name"))
        for row in (*totals["people"], *totals["units"]):
            row["unit_name"] = names.get(row["unit"], "")
        export = request.GET.get("export")
        if export in ("people", "units"):
            if export == "people":
                headers = [
                    _("Volunteer"),
                    _("Volunteer's unit"),
                    _("Activities"),
                    _("Service hours"),
                ]
                table = [
                    [p["volunteer"], p["unit_name"], p["times"], p["hours"]]
                    for p in totals["people"]
                ]
            else:
                headers = [_("Unit"), _("Volunteers"), _("Service hours")]
                table = [[u["unit_name"], u["volunteers"], u["hours"]] for u in totals["units"]]
            name = _("Volunteer hours %(year)s") % {"year": year}
            return xlsx_response(f"{name}.xlsx", write_xlsx(name, headers, table))
        illustrative = rows.filter(activity__is_illustrative=True).exists()
        return render(
            request,
            "civility/hours.html",
            {"year": year, "totals": totals, "illustrative": illustrative},
        )


def _month(params) -> tuple[int, int, str | None]:
    today = timezone.localdate()
    value = params.get("month") or f"{today.year}-{today.month:02d}"
    try:
        year, month = (int(x) for x in value.split("-"))
        dt.date(year, month, 1)
    except ValueError:
        return today.year, today.month, _("The month must look like 2025-12.")
    if not 2000 <= year <= 2100:
        return today.year, today.month, _("The month must look like 2025-12.")
    return year, month, None


class CalendarView(ObjectMixin, View):
    """The volunteer activities of a month on a calendar."""

    model = VolunteerActivity

    def get(self, request):
        self.require_permission("view")
        year, month, error = _month(request.GET)
        if error:
            messages.error(request, error)
        first = dt.date(year, month, 1)
        following = (first + dt.timedelta(days=32)).replace(day=1)
        previous = (first - dt.timedelta(days=1)).replace(day=1)
        activities = (
            self.restricted("view")
            .filter(held_on__gte=first, held_on__lt=following)
            .select_related("organiser")
            .order_by("held_on", "pk")
        )
        weeks = services.month_calendar(year, month, ((a.held_on, a) for a in activities))
        return render(
            request,
            "civility/calendar.html",
            {
                "first": first,
                "weeks": weeks,
                "count": len(activities),
                "previous": f"{previous.year}-{previous.month:02d}",
                "next": f"{following.year}-{following.month:02d}",
            },
        )


class CampaignView(ObjectMixin, View):
    """The civilised-city creation campaign's task lists, read through the task engine."""

    model = Application

    def get(self, request):
        self.require_permission("view")
        today = timezone.localdate()
        tasks = list(
            campaign_tasks(request.user)
            .select_related("lead_unit", "task_list")
            .order_by("task_list__name", "deadline", "code")
        )
        lists: dict[int, dict] = {}
        for task in tasks:
            entry = lists.setdefault(task.task_list_id, {"task_list": task.task_list, "tasks": []})
            task.light = task.light_on(today)
            task.light_label = Light(task.light).label if task.light else ""
            entry["tasks"].append(task)
        for entry in lists.values():
            entry["summary"] = services.campaign_summary(
                (t.status, t.light) for t in entry["tasks"]
            )
        visible_lists = (
            TaskList.objects.restrict(request.user)
            .filter(kind="civilised_city")
            .exclude(pk__in=list(lists))
        )
        return render(
            request,
            "civility/campaign.html",
            {
                "lists": list(lists.values()),
                "empty_lists": visible_lists,
                "summary": services.campaign_summary((t.status, t.light) for t in tasks),
                "as_of": today,
            },
        )
