from __future__ import annotations

from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mingzhu.core.periods import percent
from mingzhu.core.reports import ReportView
from mingzhu.core.scope import can
from mingzhu.core.tables import Column
from mingzhu.core.views import (
    ActionFormView,
    ImportView,
    ObjectDetailView,
    ObjectListView,
    ReadOnlyMixin,
    Related,
    Tool,
)
from mingzhu.tasks.pages import TaskDetailMixin
from mingzhu.tasks.tables import TaskColumn

from . import actions, importer
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
from .reports import party_figures, project_branches, training_report
from .services import with_load

L = gettext_lazy


# Party organisations -------------------------------------------------------------------


class OrganisationListView(ObjectListView):
    model = PartyOrganisation
    columns = ["name", "kind", ("unit", L("Org unit")), "parent"]


class OrganisationDetailView(ObjectDetailView):
    model = PartyOrganisation
    select_related = ("unit", "parent")
    related = {
        "groups": Related("groups", "leader"),
        "members": Related("members", "village", "group"),
    }
    fields = ["kind", "unit", "parent"]


# Party groups ---------------------------------------------------------------------------


class GroupListView(ObjectListView):
    model = PartyGroup
    columns = ["name", "organisation", "leader"]


class GroupDetailView(ObjectDetailView):
    model = PartyGroup
    select_related = ("organisation", "leader")
    related = {
        "members": Related("members", "village"),
        "activities": Related("activities", limit=20),
    }
    fields = [Column("organisation", link=True), "leader"]


# Members --------------------------------------------------------------------------------


class MemberListView(ObjectListView):
    model = PartyMember
    tools = [Tool("party:partymember_import", "import-members")]
    filterset_class = MemberFilter
    columns = [
        "name",
        "organisation",
        "group",
        ("village", L("Village")),
        "role",
        Column(
            "households",
            L("Linked households"),
            computed=Count("links", filter=Q(links__ended_on__isnull=True)),
        ),
    ]
    ordering = ("organisation__name", "name", "pk")


class MemberDetailView(ObjectDetailView):
    model = PartyMember
    select_related = ("organisation", "group", "village")
    related = {
        "links": Related("links", "household"),
        "visits": Related("visits", "household", limit=20),
        "attendances": Related("attendances", "session__course", limit=20),
    }
    fields = [
        Column("organisation", link=True),
        ("group__name", L("Party group")),
        ("village", L("Village")),
        "role",
        "is_active",
    ]


# Households -----------------------------------------------------------------------------


# The member a household is linked to now (one at a time).
LINKED_MEMBER = HouseholdLink.objects.filter(
    household=OuterRef("pk"), ended_on__isnull=True
).values("member__name")


class HouseholdListView(ObjectListView):
    model = Household
    filterset_class = HouseholdFilter
    columns = [
        "head_name",
        "address",
        ("village", L("Village")),
        Column("member_name", L("Linked member"), computed=Subquery(LINKED_MEMBER[:1])),
        Column("last_visit", L("Last visit"), computed=Max("visits__visited_on")),
    ]
    ordering = ("village__path", "address", "pk")


class HouseholdDetailView(ObjectDetailView):
    model = Household
    select_related = ("village",)
    related = {"visits": Related("visits", "member", "task")}
    permission_flags = {"can_visit": "party.add_householdvisit"}

    def get_extra_context(self, obj):
        user = self.request.user
        links = Related("links", "member").records(obj, user)
        current = next((link for link in links if link.ended_on is None), None)
        return {
            "links": links,
            "current_link": current,
            "can_link": current is None and user.has_perm("party.add_householdlink"),
        }


# Links and visits: created through actions only ----------------------------------------


class LinkListView(ObjectListView):
    model = HouseholdLink
    tools = [Tool("party:householdlink_import", "import-links")]
    filterset_class = LinkFilter
    columns = [
        "household",
        ("household__village", L("Village")),
        "member",
        "kind",
        "started_on",
        "ended_on",
    ]


class MemberImportView(ImportView):
    """The members roll (党员花名册) from Excel, after a preview; members are matched by
    their name within their organisation."""

    model = PartyMember
    import_function = staticmethod(importer.import_members)
    title = L("Import party members from Excel")
    columns = importer.MEMBER_COLUMNS
    success_message = L("Imported: %(created)s new members, %(updated)s updated.")
    help = L("A member of the same name in the same organisation is updated, not added again.")


MemberTemplateView = MemberImportView.template_view(
    L("Party members import template.xlsx"), importer.member_template
)


class LinkImportView(MemberImportView):
    """The member–household links (党员联户台账) from Excel, after a preview; households
    not yet registered are added, a household's current link is matched."""

    model = HouseholdLink
    import_function = staticmethod(importer.import_links)
    title = L("Import household links from Excel")
    columns = importer.LINK_COLUMNS
    success_message = L("Imported: %(created)s new links, %(updated)s updated.")
    help = L(
        "A household is known by its village, head and address; a household linked to "
        "another member is refused until that link is ended."
    )


LinkTemplateView = LinkImportView.template_view(
    L("Household links import template.xlsx"), importer.link_template
)


class LinkDetailView(ReadOnlyMixin, ObjectDetailView):
    model = HouseholdLink
    select_related = ("household__village", "member")
    fields = [
        Column("household", link=True),
        ("household__village", L("Village")),
        Column("member", link=True),
        "kind",
        "started_on",
        "ended_on",
    ]

    def get_extra_context(self, obj):
        user = self.request.user
        return {"can_end": obj.ended_on is None and can(user, "change", obj)}


class VisitListView(ObjectListView):
    model = HouseholdVisit
    select_related = ("household__village", "member", "task")
    filterset_class = VisitFilter
    columns = [
        "visited_on",
        "household",
        ("household__village", L("Village")),
        "member",
        "findings",
        "problem",
        TaskColumn("code", key="task"),
        TaskColumn("status", L("Task status"), key="task_status"),
    ]


class VisitDetailView(TaskDetailMixin, ReadOnlyMixin, ObjectDetailView):
    model = HouseholdVisit
    select_related = ("household__village", "member", "task__lead_unit", "recorded_by")

    def get_extra_context(self, obj):
        may_raise = obj.task is None and bool(obj.problem)
        return {"can_raise": may_raise and actions.may_raise_tasks(self.request.user)}


class LinkHouseholdView(ActionFormView):
    model = Household
    form_class = LinkForm
    title = L("Link a party member")
    permission = "party.add_householdlink"
    today = ("started_on",)
    action = actions.link_household
    object_keyword = "household"


class LogVisitView(ActionFormView):
    model = Household
    form_class = VisitForm
    title = L("Record a visit")
    permission = "party.add_householdvisit"
    today = ("visited_on",)

    def initial(self, obj):
        link = obj.links.filter(ended_on__isnull=True).first()
        return {"member": link.member_id if link else None}

    action = actions.log_visit
    object_keyword = "household"
    follow_result = True


class EndLinkView(ActionFormView):
    model = HouseholdLink
    form_class = EndLinkForm
    title = L("End the link")
    permission = "party.change_householdlink"
    today = ("ended_on",)
    action = actions.end_link
    follow_result = True


class RaiseTaskView(ActionFormView):
    model = HouseholdVisit
    form_class = RaiseTaskForm
    title = L("Raise a task")
    permission = "tasks.add_task"

    def allowed(self, obj):
        return obj.task_id is None and bool(obj.problem)

    action = actions.raise_visit_task
    follow_result = True


class AttendanceView(ActionFormView):
    model = TrainingSession
    form_class = AttendanceForm
    title = L("Record attendance")
    permission = "party.add_trainingattendance"

    action = actions.record_attendance
    object_keyword = "session"


# Group activities -----------------------------------------------------------------------


class ActivityListView(ObjectListView):
    model = PartyGroupActivity
    columns = [
        ("topic", L("Topic")),
        "held_on",
        "kind",
        "group",
        "place",
        Column("attendee_count", L("Attendees"), computed=Count("attendees")),
    ]
    ordering = ("-held_on", "-pk")


class ActivityDetailView(ObjectDetailView):
    model = PartyGroupActivity
    select_related = ("group__organisation",)
    related = {"attendees": Related("attendees")}


# Training -------------------------------------------------------------------------------


class CourseListView(ObjectListView):
    model = TrainingCourse
    columns = [
        "name",
        "year",
        "track",
        "organiser",
        Column("session_count", L("Sessions"), computed=Count("sessions")),
    ]
    ordering = ("-year", "name")


class CourseDetailView(ObjectDetailView):
    model = TrainingCourse
    select_related = ("organiser",)
    fields = ["year", "track", "organiser", "description"]

    def get_extra_context(self, obj):
        user = self.request.user
        attendances = TrainingAttendance.objects.restrict(user)
        attended = Count("attendances", filter=Q(attendances__in=attendances))
        return {"sessions": obj.sessions.restrict(user).annotate(attended=attended)}


class SessionListView(ObjectListView):
    model = TrainingSession
    columns = ["held_on", "course", "place", "hours"]


class SessionDetailView(ObjectDetailView):
    model = TrainingSession
    select_related = ("course__organiser",)
    related = {"attendances": Related("attendances", "member__organisation")}
    permission_flags = {"can_attend": "party.add_trainingattendance"}
    fields = [Column("course", link=True), "held_on", "place", "hours"]


class AttendanceListView(ObjectListView):
    model = TrainingAttendance
    columns = ["member", "member__organisation", "session__course", "session__held_on", "hours"]


class AttendanceDetailView(ReadOnlyMixin, ObjectDetailView):
    model = TrainingAttendance
    select_related = ("session__course", "member__organisation")
    fields = [Column("member", link=True), Column("session", link=True), "hours"]


class TrainingSummaryView(ReportView):
    """Hours per person for a year (初心锤炼 yearly summary), with an Excel export."""

    model = TrainingAttendance
    period = "year"
    template_name = "party/training_summary.html"

    def report(self, year):
        return training_report(self.restricted("view"), year)

    def export_table(self, kind, context):
        if kind != "xlsx":
            return None
        headers = [_("Name"), _("Party organisation"), _("Village"), _("Sessions"), _("Hours")]
        table = [
            [m.name, str(m.organisation), str(m.village), p["sessions"], p["hours"]]
            for m, p in context["people"]
        ]
        return _("Training summary %(year)s") % {"year": context["year"]}, headers, table


# Overview: coverage and load ------------------------------------------------------------


class OverviewView(ReportView):
    model = Household
    template_name = "party/overview.html"

    def report(self):
        figures = party_figures(self.request.user)
        cover, load = figures["coverage"], figures["load"]
        towns = with_load(cover["towns"], load["towns"])
        chart = {
            "names": [t["name"] for t in towns],
            "rates": [percent(t["rate"]) for t in towns],
            "label": _("Coverage of households"),
        }
        return {
            "total": cover["total"],
            "villages": with_load(cover["villages"], load["villages"]),
            "towns": towns,
            "chart": chart,
            "illustrative": figures["illustrative"],
        }


# Temporary party branches on project sites (the projects module keeps them) -------------


class ProjectBranchesView(ReportView):
    model = PartyOrganisation
    template_name = "party/project_branches.html"

    def report(self):
        projects = project_branches(self.request.user)
        rows = projects or []
        return {
            "projects": rows,
            "available": projects is not None,
            "members": sum(p.party_branch_members for p in rows),
        }
