"""/api/v1/party/...: list and detail of every party model (read through ``restrict``),
and the actions: link a household, record a visit, end a link, raise a visit's task,
record attendance."""

from rest_framework import serializers

from mingzhu.core.api import (
    ReadViewSet,
    ScopedModelSerializer,
    filterset_for,
    object_action,
    read_viewset,
    register_viewsets,
)
from mingzhu.org.models import OrgUnit
from mingzhu.tasks.api import TaskFields

from . import actions, models
from .choices import LinkKind
from .filters import HouseholdFilter as HouseholdPageFilter
from .filters import LinkFilter, MemberFilter
from .filters import VisitFilter as VisitPageFilter


def _serializer(model, fields, **extra):
    meta = type("Meta", (), {"model": model, "fields": fields})
    # Unique component names in the OpenAPI document: Party… for every party model.
    name = model.__name__ if model.__name__.startswith("Party") else f"Party{model.__name__}"
    return type(f"{name}Serializer", (ScopedModelSerializer,), {"Meta": meta, **extra})


OrganisationSerializer = _serializer(
    models.PartyOrganisation,
    ["id", "name", "kind", "unit", "unit_name", "parent", "is_illustrative"],
    unit_name=serializers.CharField(source="unit.name", read_only=True),
)
GroupSerializer = _serializer(
    models.PartyGroup, ["id", "name", "organisation", "leader", "is_illustrative"]
)
MemberSerializer = _serializer(
    models.PartyMember,
    [
        "id",
        "name",
        "organisation",
        "group",
        "village",
        "village_name",
        "role",
        "is_active",
        "is_illustrative",
    ],
    village_name=serializers.CharField(source="village.name", read_only=True),
)
HouseholdSerializer = _serializer(
    models.Household,
    ["id", "village", "village_name", "head_name", "address", "is_illustrative"],
    village_name=serializers.CharField(source="village.name", read_only=True),
)
LinkSerializer = _serializer(
    models.HouseholdLink,
    ["id", "household", "member", "kind", "started_on", "ended_on", "is_illustrative"],
)


class HouseholdVisitSerializer(ScopedModelSerializer, TaskFields):
    class Meta:
        model = models.HouseholdVisit
        fields = [
            "id",
            "household",
            "member",
            "visited_on",
            "findings",
            "problem",
            "task",
            "task_code",
            "task_status",
            "is_illustrative",
        ]


ActivitySerializer = _serializer(
    models.PartyGroupActivity,
    ["id", "group", "held_on", "kind", "topic", "place", "attendees", "is_illustrative"],
)
CourseSerializer = _serializer(
    models.TrainingCourse,
    ["id", "name", "year", "track", "organiser", "description", "is_illustrative"],
)
SessionSerializer = _serializer(
    models.TrainingSession, ["id", "course", "held_on", "place", "hours", "is_illustrative"]
)
AttendanceSerializer = _serializer(models.TrainingAttendance, ["id", "session", "member", "hours"])


class HouseholdLinkBody(serializers.Serializer):
    member = serializers.PrimaryKeyRelatedField(queryset=models.PartyMember.objects.all())
    kind = serializers.ChoiceField(choices=LinkKind.choices, default=LinkKind.HOUSEHOLD)
    started_on = serializers.DateField()


class HouseholdVisitBody(serializers.Serializer):
    member = serializers.PrimaryKeyRelatedField(queryset=models.PartyMember.objects.all())
    visited_on = serializers.DateField()
    findings = serializers.CharField()
    problem = serializers.CharField(required=False, allow_blank=True, default="")


class EndLinkBody(serializers.Serializer):
    ended_on = serializers.DateField()


class RaiseVisitTaskBody(serializers.Serializer):
    lead_unit = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.all(), required=False, allow_null=True, default=None
    )
    time_limit = serializers.IntegerField(min_value=1, max_value=120, default=10)


class SessionAttendanceBody(serializers.Serializer):
    members = serializers.PrimaryKeyRelatedField(
        queryset=models.PartyMember.objects.all(), many=True
    )
    hours = serializers.DecimalField(
        max_digits=5, decimal_places=1, required=False, allow_null=True, default=None
    )


def _link(pk, *, actor, **data):
    return actions.link_household(actor=actor, household=pk, **data)


def _visit(pk, *, actor, **data):
    return actions.log_visit(actor=actor, household=pk, **data)


def _attend(pk, *, actor, **data):
    return actions.record_attendance(actor=actor, session=pk, **data)


def _latest_visit(view, household_id):
    return models.HouseholdVisit.objects.filter(household_id=household_id).order_by("-pk").first()


def _attendance(view, session_id):
    rows = models.TrainingAttendance.objects.restrict(view.request.user)
    return rows.filter(session_id=session_id)


OrganisationViewSet = read_viewset(
    models.PartyOrganisation, OrganisationSerializer, ["kind", "unit", "parent"], select=("unit",)
)
GroupViewSet = read_viewset(models.PartyGroup, GroupSerializer, ["organisation"])
MemberViewSet = read_viewset(
    models.PartyMember, MemberSerializer, filterset_class=MemberFilter, select=("village",)
)


class HouseholdViewSet(ReadViewSet):
    """Households; POST /{id}/link/ links a member, POST /{id}/visit/ records a visit."""

    model = models.Household
    filterset_class = HouseholdPageFilter
    serializer_class = HouseholdSerializer
    select = ("village",)

    link = object_action(_link, HouseholdLinkBody)
    visit = object_action(
        _visit,
        HouseholdVisitBody,
        response=HouseholdVisitSerializer,
        result=_latest_visit,
        status=201,
    )


class LinkViewSet(ReadViewSet):
    """Household links; POST /{id}/end/ ends one."""

    model = models.HouseholdLink
    filterset_class = LinkFilter
    serializer_class = LinkSerializer

    end = object_action(actions.end_link, EndLinkBody)


class VisitViewSet(ReadViewSet):
    """Household visits; POST /{id}/raise-task/ turns the problem found into a task."""

    model = models.HouseholdVisit
    filterset_class = VisitPageFilter
    serializer_class = HouseholdVisitSerializer
    select = ("task",)

    raise_task = object_action(actions.raise_visit_task, RaiseVisitTaskBody)


ActivityViewSet = read_viewset(
    models.PartyGroupActivity,
    ActivitySerializer,
    ["group", "kind"],
    ["held_on"],
    prefetch=("attendees",),
)
CourseViewSet = read_viewset(models.TrainingCourse, CourseSerializer, ["year", "track"])


class SessionViewSet(ReadViewSet):
    """Training sessions; POST /{id}/attendance/ records attendance."""

    model = models.TrainingSession
    filterset_class = filterset_for(models.TrainingSession, ["course"], ["held_on"])
    serializer_class = SessionSerializer

    attendance = object_action(
        _attend,
        SessionAttendanceBody,
        response=AttendanceSerializer(many=True),
        result=_attendance,
        status=201,
    )


AttendanceViewSet = read_viewset(
    models.TrainingAttendance, AttendanceSerializer, ["session", "member"]
)


VIEWSETS = [
    ("organisations", OrganisationViewSet),
    ("groups", GroupViewSet),
    ("members", MemberViewSet),
    ("households", HouseholdViewSet),
    ("links", LinkViewSet),
    ("visits", VisitViewSet),
    ("activities", ActivityViewSet),
    ("courses", CourseViewSet),
    ("sessions", SessionViewSet),
    ("attendance", AttendanceViewSet),
]


def register(router) -> None:
    """Register this app's viewsets on the /api/v1/ router."""
    register_viewsets(router, "party", VIEWSETS)
