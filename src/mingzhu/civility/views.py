from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from mingzhu.core import periods
from mingzhu.core.excel import write_xlsx, xlsx_response
from mingzhu.core.scope import restrict
from mingzhu.core.tables import Column
from mingzhu.core.views import (
    ActionFormView,
    ObjectDetailView,
    ObjectHistoryView,
    ObjectListView,
    ObjectMixin,
    ReadOnlyMixin,
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
    ObjectionForm,
    ParticipationForm,
    PublishForm,
    RefuseForm,
    ResolveForm,
    ReviewForm,
    SubmitForm,
)
from .models import Application, Category, Objection, Participation, VolunteerActivity

L = gettext_lazy
S = ApplicationStatus


# Categories (reference data) ---------------------------------------------------------


class CategoryMixin:
    """Categories are read by those who read applications."""

    def require_permission(self, action):
        if action == "view":
            if not self.request.user.has_perm("civility.view_application"):
                raise PermissionDenied
            return
        super().require_permission(action)

    def get_object(self, pk):
        self.require_permission("view")
        return super().get_object(pk)


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


class CategoryHistoryView(CategoryMixin, ObjectHistoryView):
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


class SubmitView(ActionFormView):
    model = Application
    form_class = SubmitForm
    title = L("Submit an application")

    def initial(self, obj):
        return {"year": timezone.localdate().year}

    def run(self, obj, form):
        return actions.submit_application(actor=self.request.user, **form.cleaned_data)

    def get_success_message(self, result):
        return _("Submitted: %(object)s") % {"object": result}


class ApplicationActionView(ActionFormView):
    """A form page for one step of an application; only the civilisation office."""

    model = Application
    select_related = ("category",)

    def allowed(self, obj):
        return actions.may_decide(self.request.user)

    def initial(self, obj):
        today = timezone.localdate()
        return {"on": today, "start": today, "received_on": today}


class ReviewView(ApplicationActionView):
    form_class = ReviewForm
    title = L("Review the application")

    def run(self, obj, form):
        actions.review_application(obj.pk, actor=self.request.user, **form.cleaned_data)


class PublishView(ApplicationActionView):
    form_class = PublishForm
    title = L("Start the public notice")

    def run(self, obj, form):
        actions.publish_notice(obj.pk, actor=self.request.user, **form.cleaned_data)


class ObjectionView(ApplicationActionView):
    form_class = ObjectionForm
    title = L("Record an objection")

    def run(self, obj, form):
        actions.record_objection(obj.pk, actor=self.request.user, **form.cleaned_data)


class ResolveView(ApplicationActionView):
    form_class = ResolveForm
    title = L("Resolve the objection")

    def run(self, obj, form):
        objection = self.kwargs["objection"]
        get_object_or_404(Objection.objects.filter(application=obj), pk=objection)
        actions.resolve_objection(objection, actor=self.request.user, **form.cleaned_data)


class AwardView(ApplicationActionView):
    form_class = AwardForm
    title = L("Award the title")

    def run(self, obj, form):
        actions.award(obj.pk, actor=self.request.user, **form.cleaned_data)


class RefuseView(ApplicationActionView):
    form_class = RefuseForm
    title = L("Do not award")

    def run(self, obj, form):
        actions.refuse(obj.pk, actor=self.request.user, **form.cleaned_data)


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


class ParticipationAddView(ActionFormView):
    model = VolunteerActivity
    form_class = ParticipationForm
    title = L("Add a volunteer")
    permission = "civility.add_participation"

    def run(self, obj, form):
        actions.add_participation(actor=self.request.user, activity=obj, **form.cleaned_data)


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


class HoursView(ObjectMixin, View):
    """Volunteer hour totals per person and per unit for a year."""

    model = Participation

    def get(self, request):
        self.require_permission("view")
        year, error = periods.year(request.GET)
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


class CalendarView(ObjectMixin, View):
    """The volunteer activities of a month on a calendar."""

    model = VolunteerActivity

    def get(self, request):
        self.require_permission("view")
        year, month, error = periods.month(request.GET)
        if error:
            messages.error(request, error)
        first = dt.date(year, month, 1)
        following, previous = periods.add_months(first, 1), periods.add_months(first, -1)
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
                "previous": periods.month_label(previous.year, previous.month),
                "next": periods.month_label(following.year, following.month),
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
