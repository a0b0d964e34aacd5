from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from mingzhu.core.periods import year as year_param
from mingzhu.core.scope import can, restrict
from mingzhu.core.tables import Column
from mingzhu.core.views import (
    ActionFormView,
    ObjectDetailView,
    ObjectListView,
    ObjectMixin,
    ReadOnlyMixin,
)
from mingzhu.org.choices import UnitKind
from mingzhu.org.models import OrgUnit

from . import actions
from .filters import HouseholdFilter, LinkFilter, MemberFilter, VisitFilter
from .forms import (
    AttendanceForm,
    EndLinkForm,
    LinkForm,
    RaiseTaskForm,
    VisitForm,
)
from .models import (
    Household,
    HouseholdLink,
    HouseholdVisit,
    PartyGroup,
    PartyGroupActivity,
    PartyMember,
    PartyOrganisation,
    TrainingAttendance,
    TrainingCourse,
    TrainingSession,
)
from .services import Place, coverage, member_load, training_summary

L = gettext_lazy


# Party organisations -------------------------------------------------------------------


class OrganisationListView(ObjectListView):
    model = PartyOrganisation
    select_related = ("unit", "parent")
    columns = [
        Column("name", L("Name"), link=True),
        Column("kind", L("Kind")),
        Column("unit", L("Org unit")),
        Column("parent", L("Higher organisation")),
    ]


class OrganisationDetailView(ObjectDetailView):
    model = PartyOrganisation
    select_related = ("unit", "parent")

    def get_extra_context(self, obj):
        user = self.request.user
        return {
            "groups": restrict(obj.groups.select_related("leader"), user, "view"),
            "members": restrict(obj.members.select_related("village", "group"), user, "view"),
        }


# Party groups ---------------------------------------------------------------------------


class GroupListView(ObjectListView):
    model = PartyGroup
    select_related = ("organisation", "leader")
    columns = [
        Column("name", L("Name"), link=True),
        Column("organisation", L("Party organisation")),
        Column("leader", L("Group leader")),
    ]


class GroupDetailView(ObjectDetailView):
    model = PartyGroup
    select_related = ("organisation", "leader")

    def get_extra_context(self, obj):
        user = self.request.user
        return {
            "members": restrict(obj.members.select_related("village"), user, "view"),
            "activities": restrict(obj.activities.all(), user, "view")[:20],
        }


# Members --------------------------------------------------------------------------------


class MemberListView(ObjectListView):
    model = PartyMember
    select_related = ("organisation", "group", "village")
    filterset_class = MemberFilter
    columns = [
        Column("name", L("Name"), link=True),
        Column("organisation", L("Party organisation")),
        Column("group", L("Party group")),
        Column("village", L("Village")),
        Column("role", L("Role")),
        Column("households", L("Linked households"), accessor=lambda m: m.households),
    ]

    def get_queryset(self):
        current = Count("links", filter=Q(links__ended_on__isnull=True))
        qs = super().get_queryset().annotate(households=current)
        return qs.order_by("organisation__name", "name", "pk")


class MemberDetailView(ObjectDetailView):
    model = PartyMember
    select_related = ("organisation", "group", "village")

    def get_extra_context(self, obj):
        user = self.request.user
        return {
            "links": restrict(obj.links.select_related("household"), user, "view"),
            "visits": restrict(obj.visits.select_related("household"), user, "view")[:20],
            "attendances": restrict(
                obj.attendances.select_related("session__course"), user, "view"
            )[:20],
        }


# Households -----------------------------------------------------------------------------


class HouseholdListView(ObjectListView):
    model = Household
    select_related = ("village",)
    filterset_class = HouseholdFilter
    columns = [
        Column("head_name", L("Head of household"), link=True),
        Column("address", L("Address")),
        Column("village", L("Village")),
        Column("member", L("Linked member"), accessor=lambda h: h.member_name),
        Column("last_visit", L("Last visit"), accessor=lambda h: h.last_visit),
    ]

    def get_queryset(self):
        current = HouseholdLink.objects.filter(household=OuterRef("pk"), ended_on__isnull=True)
        return (
            super()
            .get_queryset()
            .annotate(
                member_name=Subquery(current.values("member__name")[:1]),
                last_visit=Max("visits__visited_on"),
            )
            .order_by("village__path", "address", "pk")
        )


class HouseholdDetailView(ObjectDetailView):
    model = Household
    select_related = ("village",)

    def get_extra_context(self, obj):
        user = self.request.user
        links = restrict(obj.links.select_related("member"), user, "view")
        current = next((link for link in links if link.ended_on is None), None)
        return {
            "links": links,
            "current_link": current,
            "visits": restrict(obj.visits.select_related("member", "task"), user, "view"),
            "can_link": current is None and user.has_perm("party.add_householdlink"),
            "can_visit": user.has_perm("party.add_householdvisit"),
        }


# Links and visits: created through actions only ----------------------------------------


class LinkListView(ObjectListView):
    model = HouseholdLink
    select_related = ("household__village", "member")
    filterset_class = LinkFilter
    columns = [
        Column("household", L("Household"), link=True),
        Column("household__village", L("Village")),
        Column("member", L("Party member")),
        Column("kind", L("Kind")),
        Column("started_on", L("Linked since")),
        Column("ended_on", L("Ended on")),
    ]


class LinkDetailView(ReadOnlyMixin, ObjectDetailView):
    model = HouseholdLink
    select_related = ("household__village", "member")

    def get_extra_context(self, obj):
        user = self.request.user
        return {"can_end": obj.ended_on is None and can(user, "change", obj)}


class VisitListView(ObjectListView):
    model = HouseholdVisit
    select_related = ("household__village", "member", "task")
    filterset_class = VisitFilter
    columns = [
        Column("visited_on", L("Visited on"), link=True),
        Column("household", L("Household")),
        Column("household__village", L("Village")),
        Column("member", L("Party member")),
        Column("findings", L("What was found")),
        Column("problem", L("Problem to solve")),
        Column("task", L("Task"), accessor=lambda v: v.task.code if v.task_id else None),
        Column(
            "task_status",
            L("Task status"),
            accessor=lambda v: v.task.get_status_display() if v.task_id else None,
        ),
    ]


class VisitDetailView(ReadOnlyMixin, ObjectDetailView):
    model = HouseholdVisit
    select_related = ("household__village", "member", "task__lead_unit", "recorded_by")

    def get_extra_context(self, obj):
        user = self.request.user
        task = obj.task
        return {
            "timeline": task.events.select_related("actor") if task else [],
            "task_link": task is not None and can(user, "view", task),
            "can_raise": task is None and bool(obj.problem) and actions.may_raise_tasks(user),
        }


class LinkHouseholdView(ActionFormView):
    model = Household
    form_class = LinkForm
    title = L("Link a party member")
    permission = "party.add_householdlink"

    def initial(self, obj):
        return {"started_on": timezone.localdate()}

    def run(self, obj, form):
        actions.link_household(actor=self.request.user, household=obj, **form.cleaned_data)


class LogVisitView(ActionFormView):
    model = Household
    form_class = VisitForm
    title = L("Record a visit")
    permission = "party.add_householdvisit"

    def initial(self, obj):
        link = obj.links.filter(ended_on__isnull=True).first()
        return {"visited_on": timezone.localdate(), "member": link.member_id if link else None}

    def run(self, obj, form):
        return actions.log_visit(actor=self.request.user, household=obj, **form.cleaned_data)


class EndLinkView(ActionFormView):
    model = HouseholdLink
    form_class = EndLinkForm
    title = L("End the link")
    permission = "party.change_householdlink"

    def initial(self, obj):
        return {"ended_on": timezone.localdate()}

    def run(self, obj, form):
        return actions.end_link(obj, actor=self.request.user, **form.cleaned_data)


class RaiseTaskView(ActionFormView):
    model = HouseholdVisit
    form_class = RaiseTaskForm
    title = L("Raise a task")
    permission = "tasks.add_task"

    def allowed(self, obj):
        return obj.task_id is None and bool(obj.problem)

    def run(self, obj, form):
        return actions.raise_visit_task(obj, actor=self.request.user, **form.cleaned_data)


class AttendanceView(ActionFormView):
    model = TrainingSession
    form_class = AttendanceForm
    title = L("Record attendance")
    permission = "party.add_trainingattendance"

    def run(self, obj, form):
        actions.record_attendance(actor=self.request.user, session=obj, **form.cleaned_data)


# Group activities -----------------------------------------------------------------------


class ActivityListView(ObjectListView):
    model = PartyGroupActivity
    select_related = ("group__organisation",)
    columns = [
        Column("topic", L("Topic"), link=True),
        Column("held_on", L("Held on")),
        Column("kind", L("Kind")),
        Column("group", L("Party group")),
        Column("place", L("Place")),
        Column("attendees", L("Attendees"), accessor=lambda a: a.attendee_count),
    ]

    def get_queryset(self):
        qs = super().get_queryset().annotate(attendee_count=Count("attendees"))
        return qs.order_by("-held_on", "-pk")


class ActivityDetailView(ObjectDetailView):
    model = PartyGroupActivity
    select_related = ("group__organisation",)

    def get_extra_context(self, obj):
        return {"attendees": restrict(obj.attendees.all(), self.request.user, "view")}


# Training -------------------------------------------------------------------------------


class CourseListView(ObjectListView):
    model = TrainingCourse
    select_related = ("organiser",)
    columns = [
        Column("name", L("Name"), link=True),
        Column("year", L("Year")),
        Column("track", L("Track")),
        Column("organiser", L("Organiser")),
        Column("sessions", L("Sessions"), accessor=lambda c: c.session_count),
    ]

    def get_queryset(self):
        qs = super().get_queryset().annotate(session_count=Count("sessions"))
        return qs.order_by("-year", "name")


class CourseDetailView(ObjectDetailView):
    model = TrainingCourse
    select_related = ("organiser",)

    def get_extra_context(self, obj):
        attended = Count("attendances", filter=Q(attendances__in=self._attendances()))
        sessions = restrict(obj.sessions.all(), self.request.user, "view").annotate(
            attended=attended
        )
        return {"sessions": sessions}

    def _attendances(self):
        return restrict(TrainingAttendance.objects.all(), self.request.user, "view")


class SessionListView(ObjectListView):
    model = TrainingSession
    select_related = ("course",)
    columns = [
        Column("held_on", L("Held on"), link=True),
        Column("course", L("Course")),
        Column("place", L("Place")),
        Column("hours", L("Hours")),
    ]


class SessionDetailView(ObjectDetailView):
    model = TrainingSession
    select_related = ("course__organiser",)

    def get_extra_context(self, obj):
        user = self.request.user
        return {
            "attendances": restrict(
                obj.attendances.select_related("member__organisation"), user, "view"
            ),
            "can_attend": user.has_perm("party.add_trainingattendance"),
        }


class AttendanceListView(ObjectListView):
    model = TrainingAttendance
    select_related = ("session__course", "member__organisation")
    columns = [
        Column("member", L("Party member"), link=True),
        Column("member__organisation", L("Party organisation")),
        Column("session__course", L("Course")),
        Column("session__held_on", L("Held on")),
        Column("hours", L("Hours")),
    ]


class AttendanceDetailView(ReadOnlyMixin, ObjectDetailView):
    model = TrainingAttendance
    select_related = ("session__course", "member__organisation")


class TrainingSummaryView(ObjectMixin, View):
    """Hours per person for a year (初心锤炼 yearly summary), with an Excel export."""

    model = TrainingAttendance

    def get(self, request):
        self.require_permission("view")
        year, error = year_param(request.GET)
        if error:
            messages.error(request, error)
        rows = self.restricted("view").filter(session__held_on__year=year)
        summary = training_summary(
            rows.values_list("member_id", "session__held_on__year", "hours"), year
        )
        members = {
            m.pk: m
            for m in PartyMember.objects.filter(pk__in=summary["people"]).select_related(
                "organisation", "village"
            )
        }
        people = sorted(
            ((members[pk], p) for pk, p in summary["people"].items()),
            key=lambda mp: (-mp[1]["hours"], mp[0].name),
        )
        if request.GET.get("export") == "xlsx":
            from mingzhu.core.excel import write_xlsx, xlsx_response

            headers = [_("Name"), _("Party organisation"), _("Village"), _("Sessions"), _("Hours")]
            table = [
                [m.name, str(m.organisation), str(m.village), p["sessions"], p["hours"]]
                for m, p in people
            ]
            name = _("Training summary %(year)s") % {"year": year}
            return xlsx_response(f"{name}.xlsx", write_xlsx(name, headers, table))
        return render(
            request,
            "party/training_summary.html",
            {"year": year, "summary": summary, "people": people},
        )


# Overview: coverage and load ------------------------------------------------------------


def places_for(user) -> dict[int, Place]:
    """The villages and communities in the user's scope, each with its town; a natural
    village counts under its village (see ``place_of``)."""
    units = restrict(
        OrgUnit.objects.filter(kind__in=(UnitKind.VILLAGE, UnitKind.COMMUNITY)), user, "view"
    ).select_related("parent")
    return {
        u.pk: Place(u.pk, u.name, u.parent_id, u.parent.name if u.parent_id else "") for u in units
    }


def _village_of(unit_ids) -> dict[int, int]:
    """Natural villages → their village (others map to themselves)."""
    natural = OrgUnit.objects.filter(pk__in=unit_ids, kind=UnitKind.NATURAL_VILLAGE)
    mapping = dict(natural.values_list("pk", "parent_id"))
    return {u: mapping.get(u, u) for u in unit_ids}


def party_figures(user) -> dict:
    """Coverage and load per member for the user's scope (a fixed number of queries)."""
    places = places_for(user)
    current = HouseholdLink.objects.filter(household=OuterRef("pk"), ended_on__isnull=True)
    # Counted in the database: one row per village and linked-or-not.
    households = list(
        restrict(Household.objects.all(), user, "view")
        .annotate(linked=Exists(current))
        .order_by()
        .values("village_id", "linked")
        .annotate(n=Count("pk"))
        .values_list("village_id", "linked", "n")
    )
    members = list(
        restrict(PartyMember.objects.filter(is_active=True), user, "view").values_list(
            "pk", "village_id"
        )
    )
    links = list(
        restrict(HouseholdLink.objects.filter(ended_on__isnull=True), user, "view").values_list(
            "member_id", flat=True
        )
    )
    village_of = _village_of({v for v, _l, _n in households} | {v for _m, v in members})
    cover = coverage(((village_of[v], linked, n) for v, linked, n in households), places)
    load = member_load(((m, village_of[v]) for m, v in members), links, places)
    illustrative = restrict(Household.objects.filter(is_illustrative=True), user, "view")
    return {"coverage": cover, "load": load, "illustrative": illustrative.exists()}


class OverviewView(ObjectMixin, View):
    model = Household

    def get(self, request):
        self.require_permission("view")
        figures = party_figures(request.user)
        towns = figures["coverage"]["towns"]
        chart = {
            "names": [t["name"] for t in towns],
            "rates": [None if t["rate"] is None else round(t["rate"] * 100, 1) for t in towns],
            "label": _("Coverage of households"),
        }
        load_by_village = {r["id"]: r for r in figures["load"]["villages"]}
        village_rows = [
            {**row, "load": load_by_village.get(row["id"])}
            for row in figures["coverage"]["villages"]
        ]
        load_by_town = {r["id"]: r for r in figures["load"]["towns"]}
        town_rows = [{**row, "load": load_by_town.get(row["id"])} for row in towns]
        return render(
            request,
            "party/overview.html",
            {
                "total": figures["coverage"]["total"],
                "villages": village_rows,
                "towns": town_rows,
                "chart": chart,
                "illustrative": figures["illustrative"],
            },
        )


# Temporary party branches on project sites (the projects module keeps them) -------------

BRANCH_FIELDS = (
    "name",
    "town",
    "party_branch_name",
    "party_branch_secretary",
    "party_branch_members",
)


def project_branches(user) -> list | None:
    """The projects in the user's scope that have a temporary party branch; None when
    the projects module does not (yet) keep them."""
    try:
        from mingzhu.projects.models import Project
    except ImportError:
        return None
    try:
        for name in BRANCH_FIELDS:
            Project._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return list(
        restrict(Project.objects.all(), user, "view")
        .exclude(party_branch_name="")
        .select_related("town")
        .order_by("town__sort_order", "name")
    )


class ProjectBranchesView(ObjectMixin, View):
    model = PartyOrganisation

    def get(self, request):
        self.require_permission("view")
        projects = project_branches(request.user)
        rows = projects or []
        return render(
            request,
            "party/project_branches.html",
            {
                "projects": rows,
                "available": projects is not None,
                "members": sum(p.party_branch_members for p in rows),
            },
        )
