from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mingzhu.core.api import (
    ScopedModelSerializer,
    ScopedSerializer,
    ScopedViewSet,
    object_action,
    shown_fields,
)
from mingzhu.org.choices import TOWN_KINDS, UnitKind
from mingzhu.org.models import OrgUnit
from mingzhu.tasks.api import TaskFields

from . import actions
from .choices import Satisfaction, Stage
from .filters import FactorRequestFilter, ProjectFilter
from .forms import InspectionForm
from .models import FactorRequest, Inspection, InspectionScore, Project


@extend_schema_field(OpenApiTypes.STR)
class CodeChoiceField(serializers.ChoiceField):
    """A choice field the schema shows as a string: its enum would otherwise collide with
    other modules' fields of the same name (kind, status, ...). The values still are
    validated against the choices."""


# What ``actions.advance_project`` records as a project moves on: read-only here.
STAGE_RECORD = [
    "signed_on",
    "landed_on",
    "started_on",
    "completed_on",
    "suspended_on",
    "suspension_reason",
]


class ProjectSerializer(ScopedModelSerializer):
    serializer_choice_field = CodeChoiceField
    town = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.filter(kind__in=TOWN_KINDS))
    town_name = serializers.CharField(source="town.name", read_only=True)
    tier = serializers.CharField(read_only=True)
    investment_yi = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "name",
            "investor",
            "chain",
            "total_investment",
            "investment_yi",
            "foreign_investment",
            "tier",
            "town",
            "town_name",
            "in_port_zone",
            "stage",
            "negotiating_on",
            *STAGE_RECORD,
            "liaison_leader",
            "steward",
            "party_branch_name",
            "party_branch_secretary",
            "party_branch_members",
            "description",
            "is_illustrative",
        ]
        read_only_fields = ["stage", *STAGE_RECORD, "is_illustrative"]

    def validate(self, attrs):
        instance = Project(**{**self._current(), **attrs})
        instance.clean()
        return attrs

    def _current(self) -> dict:
        if self.instance is None:
            return {}
        return {
            f: getattr(self.instance, f) for f in ("total_investment", "foreign_investment", "town")
        }


class ProjectAdvanceSerializer(serializers.Serializer):
    to_stage = CodeChoiceField(choices=Stage.choices)
    on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    evidence = serializers.FileField(required=False, allow_null=True, default=None)


class FactorRequestSerializer(ScopedModelSerializer, TaskFields):
    serializer_choice_field = CodeChoiceField
    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.all())

    class Meta:
        model = FactorRequest
        fields = [
            "id",
            "project",
            "kind",
            "quantity",
            "unit",
            "needed_by",
            "description",
            "raised_by",
            "raised_at",
            "status",
            "task",
            "task_code",
            "lead_unit",
            "deadline",
            "satisfaction",
            "is_illustrative",
        ]
        read_only_fields = ["raised_by", "raised_at", "task", "satisfaction", "is_illustrative"]

    def create(self, validated_data):
        project = validated_data.pop("project")
        return actions.raise_factor_request(
            project.pk, actor=self.context["request"].user, **validated_data
        )


class FactorDispatchSerializer(serializers.Serializer):
    department = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.filter(kind=UnitKind.DEPARTMENT),
        required=False,
        allow_null=True,
        default=None,
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class FactorRateSerializer(serializers.Serializer):
    satisfaction = CodeChoiceField(choices=Satisfaction.choices)


class InspectionScoreSerializer(ScopedModelSerializer):
    project_name = serializers.CharField(source="project.name", read_only=True)

    class Meta:
        model = InspectionScore
        fields = ["project", "project_name", "score", "remarks"]


class InspectionScoreBodySerializer(ScopedSerializer):
    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.all())
    score = serializers.DecimalField(max_digits=5, decimal_places=1, min_value=0, max_value=100)
    remarks = serializers.CharField(required=False, allow_blank=True, default="")


class ProjectInspectionSerializer(ScopedModelSerializer):
    scores = serializers.SerializerMethodField()

    class Meta:
        model = Inspection
        fields = shown_fields(InspectionForm.Meta.fields, end=("scores", "is_illustrative"))
        read_only_fields = ["is_illustrative"]

    def get_scores(self, obj) -> list[dict]:
        request = self.context["request"]
        rows = InspectionScore.objects.restrict(request.user, "view").filter(inspection=obj)
        return InspectionScoreSerializer(rows.select_related("project"), many=True).data


class ProjectViewSet(ScopedViewSet):
    """The project ledger in the caller's scope. Stages change only by POST to
    /projects/{id}/advance/ (with the evidence file as multipart)."""

    model = Project
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    select = ("town",)
    ordering = ("-total_investment", "pk")

    advance = object_action(actions.advance_project, ProjectAdvanceSerializer)


class FactorRequestViewSet(ScopedViewSet):
    """Factor requests in the caller's scope (the project's town, or the department that
    handles the task). POST raises one; dispatch and rate by POST to
    /projects/factor-requests/{id}/dispatch|rate/."""

    model = FactorRequest
    serializer_class = FactorRequestSerializer
    filterset_class = FactorRequestFilter
    http_method_names = ["get", "post", "head", "options"]
    select = ("project", "task")
    ordering = ("-raised_at", "-pk")

    dispatch_request = object_action(
        actions.dispatch_factor_request, FactorDispatchSerializer, url_path="dispatch"
    )
    rate = object_action(actions.rate_factor_request, FactorRateSerializer)

    def perform_create(self, serializer):
        serializer.save()  # the action checks scope inside its transaction


class InspectionViewSet(ScopedViewSet):
    """Inspections (观摩) with the scores the caller may see; POST /{id}/score/ scores a
    project."""

    model = Inspection
    serializer_class = ProjectInspectionSerializer
    http_method_names = ["get", "post", "head", "options"]
    ordering = ("-date", "-pk")

    def get_queryset(self):
        return super().get_queryset().distinct()

    score = object_action(actions.score_project, InspectionScoreBodySerializer)


def register(router) -> None:
    """Register this app's viewsets on the /api/v1/ router (the sub-paths first: the
    ledger's /projects/{id}/ would otherwise swallow them)."""
    router.register("projects/factor-requests", FactorRequestViewSet, basename="factorrequest")
    router.register("projects/inspections", InspectionViewSet, basename="inspection")
    router.register("projects", ProjectViewSet, basename="project")
