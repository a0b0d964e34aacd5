"""/api/v1/rural/...: list and detail of every rural model (through ``restrict``), fault
reports and dispatch, inspections with their scores, and the quarterly ranking."""

from django.db.models import Q
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from mingzhu.core.api import ScopedModelSerializer, ScopedViewSet, object_action, register_viewsets
from mingzhu.core.schema import report, rows
from mingzhu.org.choices import UnitKind
from mingzhu.org.models import OrgUnit

from . import actions, models, reports, services
from .choices import FaultSource, InspectionKind
from .filters import (
    FacilityFilter,
    FaultFilter,
    InspectionFilter,
    RemediationFilter,
    SecretaryPlanFilter,
)

READ_ONLY = ["get", "head", "options"]


def _serializer(model_class, field_names, extra=None):
    attrs = {"Meta": type("Meta", (), {"model": model_class, "fields": field_names})}
    attrs.update(extra or {})
    return type(f"Rural{model_class.__name__}Serializer", (ScopedModelSerializer,), attrs)


def _task_fields():
    return {
        "task_code": serializers.CharField(source="task.code", read_only=True, default=None),
        "task_status": serializers.CharField(source="task.status", read_only=True, default=None),
        "deadline": serializers.DateField(source="task.deadline", read_only=True, default=None),
    }


ProgrammeSerializer = _serializer(
    models.RemediationProgramme,
    [
        "id",
        "name",
        "start_date",
        "end_date",
        "target_share",
        "task_list",
        "source",
        "is_illustrative",
    ],
)
RemediationSerializer = _serializer(
    models.Remediation,
    [
        "id",
        "programme",
        "natural_village",
        "category",
        "task",
        "task_code",
        "task_status",
        "deadline",
        "is_illustrative",
    ],
    _task_fields(),
)
ItemSerializer = _serializer(
    models.ScoringItem, ["id", "sheet", "order", "category", "name", "points", "deduction_rule"]
)
SheetSerializer = _serializer(
    models.ScoringSheet,
    ["id", "name", "version", "valid_from", "notes", "items", "is_illustrative"],
    {"items": ItemSerializer(many=True, read_only=True)},
)
ScoreSerializer = _serializer(
    models.InspectionScore,
    [
        "id",
        "inspection",
        "item",
        "score",
        "deduction",
        "note",
        "task",
        "task_code",
        "task_status",
        "deadline",
    ],
    {
        **_task_fields(),
        "deduction": serializers.DecimalField(max_digits=6, decimal_places=2, read_only=True),
    },
)
PhotoSerializer = _serializer(models.InspectionPhoto, ["id", "inspection", "score", "name", "size"])
FacilityTypeSerializer = _serializer(
    models.FacilityType, ["id", "name", "time_limit", "time_limit_basis", "sort_order", "is_active"]
)
MaintainerSerializer = _serializer(
    models.Maintainer, ["id", "name", "unit", "contact", "is_illustrative"]
)
FacilitySerializer = _serializer(
    models.Facility,
    ["id", "village", "type", "name", "location", "maintainer", "is_active", "is_illustrative"],
)
PlanSerializer = _serializer(
    models.SecretaryPlan,
    [
        "id",
        "unit",
        "secretary",
        "year",
        "task_list",
        "review_score",
        "review_comment",
        "reviewed_on",
        "is_illustrative",
    ],
)


class RuralScoreInput(serializers.Serializer):
    item = serializers.IntegerField()
    score = serializers.CharField()
    note = serializers.CharField(required=False, allow_blank=True, default="")
    raise_task = serializers.BooleanField(required=False, default=False)


class RuralInspectionSerializer(ScopedModelSerializer):
    village = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.filter(kind=UnitKind.VILLAGE)
    )
    sheet = serializers.PrimaryKeyRelatedField(queryset=models.ScoringSheet.objects.all())
    kind = serializers.ChoiceField(
        choices=InspectionKind.choices, default=InspectionKind.INSPECTION
    )
    scores = ScoreSerializer(many=True, read_only=True)
    score_input = RuralScoreInput(many=True, write_only=True, source="scores_in")
    rectification_deadline = serializers.DateField(
        write_only=True, required=False, allow_null=True, default=None
    )

    class Meta:
        model = models.VillageInspection
        fields = [
            "id",
            "village",
            "sheet",
            "kind",
            "inspected_on",
            "inspectors",
            "summary",
            "recorded_by",
            "scores",
            "score_input",
            "rectification_deadline",
            "is_illustrative",
        ]
        read_only_fields = ["recorded_by", "is_illustrative"]

    def create(self, validated_data):
        scores = validated_data.pop("scores_in")
        return actions.record_inspection(
            actor=self.context["request"].user, scores=scores, **validated_data
        )


class RuralFaultSerializer(ScopedModelSerializer):
    facility = serializers.PrimaryKeyRelatedField(queryset=models.Facility.objects.all())
    source = serializers.ChoiceField(choices=FaultSource.choices, default=FaultSource.STAFF)
    status = serializers.SerializerMethodField()
    task_code = serializers.CharField(source="task.code", read_only=True, default=None)
    deadline = serializers.DateField(source="task.deadline", read_only=True, default=None)

    class Meta:
        model = models.FacilityFault
        fields = [
            "id",
            "facility",
            "grid",
            "source",
            "reporter_name",
            "description",
            "reported_by",
            "reported_at",
            "status",
            "task",
            "task_code",
            "deadline",
            "is_illustrative",
        ]
        read_only_fields = ["grid", "reported_by", "reported_at", "task", "is_illustrative"]

    def get_fields(self):
        fields = super().get_fields()  # facilities in the caller's scope
        request = self.context.get("request")
        if request is not None:
            # and those of the villages the caller's grids lie in (a grid worker's report)
            from mingzhu.grid.actions import grids_for

            villages = grids_for(request.user).values("parent")
            in_scope = fields["facility"].queryset.values("pk")
            fields["facility"].queryset = models.Facility.objects.filter(
                Q(pk__in=in_scope) | Q(village__in=villages)
            )
        return fields

    def get_status(self, obj) -> str:
        return obj.status

    def create(self, validated_data):
        return actions.report_fault(actor=self.context["request"].user, **validated_data)


class FaultDispatchSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")


def _viewset(model_class, serializer, related=(), filterset=None, methods=READ_ONLY):
    attrs = {
        "model": model_class,
        "serializer_class": serializer,
        "http_method_names": methods,
        "select": related,
        "ordering": (*(model_class._meta.ordering or ["pk"]), "pk"),
        "__doc__": f"{model_class._meta.verbose_name_plural} in the caller's scope.",
    }
    if filterset is not None:
        attrs["filterset_class"] = filterset
    return type(f"{model_class.__name__}ViewSet", (ScopedViewSet,), attrs)


ProgrammeViewSet = _viewset(models.RemediationProgramme, ProgrammeSerializer)
RemediationViewSet = _viewset(
    models.Remediation, RemediationSerializer, ("task",), RemediationFilter
)
SheetViewSet = _viewset(models.ScoringSheet, SheetSerializer)
ItemViewSet = _viewset(models.ScoringItem, ItemSerializer)
ScoreViewSet = _viewset(models.InspectionScore, ScoreSerializer, ("task", "item"))
PhotoViewSet = _viewset(models.InspectionPhoto, PhotoSerializer)
FacilityTypeViewSet = _viewset(models.FacilityType, FacilityTypeSerializer)
MaintainerViewSet = _viewset(models.Maintainer, MaintainerSerializer)
FacilityViewSet = _viewset(models.Facility, FacilitySerializer, (), FacilityFilter)
PlanViewSet = _viewset(models.SecretaryPlan, PlanSerializer, (), SecretaryPlanFilter)


class InspectionViewSet(ScopedViewSet):
    """Village inspections in the caller's scope with their item scores; POST records
    one (``score_input``: one entry per item of the sheet)."""

    model = models.VillageInspection
    serializer_class = RuralInspectionSerializer
    filterset_class = InspectionFilter
    http_method_names = ["get", "post", "head", "options"]
    prefetch = ("scores__task",)
    ordering = ("-inspected_on", "-pk")


class FaultViewSet(ScopedViewSet):
    """Facility faults in the caller's scope; POST reports one; POST
    /faults/{id}/dispatch/ makes it a maintenance task."""

    model = models.FacilityFault
    serializer_class = RuralFaultSerializer
    filterset_class = FaultFilter
    http_method_names = ["get", "post", "head", "options"]
    select = ("task",)
    ordering = ("-reported_at", "-pk")

    dispatch_repair = object_action(
        actions.dispatch_fault, FaultDispatchSerializer, url_path="dispatch"
    )


class RankingViewSet(viewsets.ViewSet):
    """The quarter's ranking of villages and towns (?quarter=2025Q3), rows in the
    caller's scope with their city-wide ranks."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("quarter", str, description="e.g. 2025Q3")],
        responses=report(
            "RuralRanking",
            year=serializers.IntegerField(),
            quarter=serializers.IntegerField(),
            start=serializers.DateField(),
            end=serializers.DateField(),
            villages=rows("id, name, score, rank, inspections"),
            towns=rows("id, name, score, rank, inspections"),
        ),
    )
    def list(self, request):
        if not request.user.has_perm("rural.view_villageinspection"):
            raise exceptions.PermissionDenied()
        try:
            year, quarter = services.parse_quarter(
                request.query_params.get("quarter"), timezone.localdate()
            )
        except ValueError:
            raise exceptions.ValidationError(
                {"quarter": ["A quarter looks like 2025Q3."]}
            ) from None
        return Response(reports.quarterly_ranking(year, quarter, request.user))


def register(router) -> None:
    """Register this app's viewsets on the /api/v1/ router."""
    register_viewsets(
        router,
        "rural",
        [
            ("programmes", ProgrammeViewSet),
            ("remediations", RemediationViewSet),
            ("sheets", SheetViewSet),
            ("items", ItemViewSet),
            ("inspections", InspectionViewSet),
            ("scores", ScoreViewSet),
            ("photos", PhotoViewSet),
            ("facility-types", FacilityTypeViewSet),
            ("maintainers", MaintainerViewSet),
            ("facilities", FacilityViewSet),
            ("faults", FaultViewSet),
            ("secretary-plans", PlanViewSet),
            ("ranking", RankingViewSet),
        ],
    )
