from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mingzhu.core import periods
from mingzhu.core.reports import ReportView
from mingzhu.core.tables import Column
from mingzhu.core.views import (
    ActionFormView,
    ObjectDetailView,
    ObjectListView,
    ReadOnlyMixin,
    ReadPermissionMixin,
    Related,
)

from . import actions, services
from .choices import ApplicationStatus, ObjectionOutcome
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
from .reports import campaign, volunteer_hours

L = gettext_lazy
S = ApplicationStatus


# Categories (reference data) ---------------------------------------------------------


class CategoryMixin(ReadPermissionMixin):
    """Categories are read by those who read applications."""

    read_permission = "civility.view_application"


class CategoryListView(CategoryMixin, ObjectListView):
    model = Category
    columns = ["name", "kind", "notice_days", "is_active"]


class CategoryDetailView(CategoryMixin, ObjectDetailView):
    model = Category
    fields = ["kind", "notice_days", "is_active", "description"]


# Applications --------------------------------------------------------------------------


class ApplicationListView(ObjectListView):
    model = Application
    filterset_class = ApplicationFilter
    columns = [
        "applicant",
        ("category", L("Creation category")),
        "year",
        "unit",
        "status",
        "submitted_on",
        ("notice_end", L("Notice to")),
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
    this_year = ("year",)
    action = actions.submit_application
    success_message = L("Submitted: %(object)s")


class ApplicationActionView(ActionFormView):
    """A form page for one step of an application; only the civilisation office. The
    step's ``action`` is called with the application's id and the form's fields."""

    model = Application
    select_related = ("category",)

    user_test = actions.may_decide
    today = ("on", "start", "received_on")


step = ApplicationActionView.step
ReviewView = step(actions.review_application, ReviewForm, L("Review the application"))
PublishView = step(actions.publish_notice, PublishForm, L("Start the public notice"))
ObjectionView = step(actions.record_objection, ObjectionForm, L("Record an objection"))
AwardView = step(actions.award, AwardForm, L("Award the title"))
RefuseView = step(actions.refuse, RefuseForm, L("Do not award"))


class ResolveView(ApplicationActionView):
    """About one objection of the application (404 for another's)."""

    form_class = ResolveForm
    title = L("Resolve the objection")

    def run(self, obj, form):
        objections = Objection.objects.filter(application=obj)
        objection = get_object_or_404(objections, pk=self.kwargs["objection"])
        actions.resolve_objection(objection.pk, actor=self.request.user, **form.cleaned_data)


# Volunteer activities ------------------------------------------------------------------


class ActivityListView(ObjectListView):
    model = VolunteerActivity
    filterset_class = ActivityFilter
    columns = [
        "title",
        "held_on",
        "organiser",
        "place",
        "hours",
        Column("volunteers", L("Volunteers"), computed=Count("participations")),
    ]
    ordering = ("-held_on", "-pk")


class ActivityDetailView(ObjectDetailView):
    model = VolunteerActivity
    select_related = ("organiser",)
    related = {"participations": Related("participations", "unit")}
    permission_flags = {"can_participate": "civility.add_participation"}
    fields = ["organiser", "held_on", "place", "hours", "content"]


class ParticipationAddView(ActionFormView):
    model = VolunteerActivity
    form_class = ParticipationForm
    title = L("Add a volunteer")
    permission = "civility.add_participation"

    action = actions.add_participation
    object_keyword = "activity"


class ParticipationListView(ObjectListView):
    model = Participation
    columns = ["volunteer", "unit", "activity", "activity__held_on", "hours"]


class ParticipationDetailView(ObjectDetailView):
    """A participation is added on its activity's page and may be deleted, not edited."""

    model = Participation
    select_related = ("activity__organiser", "unit")
    editable = False
    fields = [Column("activity", link=True), "unit", "hours"]


class HoursView(ReportView):
    """Volunteer hour totals per person and per unit for a year."""

    model = Participation
    period = "year"
    template_name = "civility/hours.html"

    def report(self, year):
        return volunteer_hours(self.restricted("view"), year)

    def export_table(self, kind, context):
        totals = context["totals"]
        if kind == "people":
            headers = [_("Volunteer"), _("Volunteer's unit"), _("Activities"), _("Service hours")]
            keys = ("volunteer", "unit_name", "times", "hours")
        elif kind == "units":
            headers = [_("Unit"), _("Volunteers"), _("Service hours")]
            keys = ("unit_name", "volunteers", "hours")
        else:
            return None
        table = [[row[key] for key in keys] for row in totals[kind]]
        return _("Volunteer hours %(year)s") % {"year": context["year"]}, headers, table


class CalendarView(ReportView):
    """The volunteer activities of a month on a calendar."""

    model = VolunteerActivity
    period = "month"
    template_name = "civility/calendar.html"

    def report(self, year, month):
        first = dt.date(year, month, 1)
        following, previous = periods.add_months(first, 1), periods.add_months(first, -1)
        activities = (
            self.restricted("view")
            .filter(held_on__gte=first, held_on__lt=following)
            .select_related("organiser")
            .order_by("held_on", "pk")
        )
        weeks = services.month_calendar(year, month, ((a.held_on, a) for a in activities))
        return {
            "first": first,
            "weeks": weeks,
            "count": len(activities),
            "previous": periods.month_label(previous.year, previous.month),
            "next": periods.month_label(following.year, following.month),
        }


class CampaignView(ReportView):
    """The civilised-city creation campaign's task lists, read through the task engine."""

    model = Application
    template_name = "civility/campaign.html"

    def report(self):
        today = timezone.localdate()
        return {**campaign(self.request.user, today), "as_of": today}
