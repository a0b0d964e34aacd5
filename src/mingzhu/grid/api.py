from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from mingzhu.core.api import ScopedModelSerializer, ScopedViewSet, call_action
from mingzhu.core.periods import period
from mingzhu.core.schema import period_report, rows
from mingzhu.core.scope import restrict
from mingzhu.org.choices import UnitKind
from mingzhu.org.models import OrgUnit

from . import actions
from .filters import GridEventFilter
from .metrics import event_metrics
from .models import Campaign, EventCategory, GridEvent


class GridEventSerializer(ScopedModelSerializer):
    grid = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.filter(kind=UnitKind.GRID))
    category = serializers.PrimaryKeyRelatedField(
        queryset=EventCategory.objects.filter(is_active=True)
    )
    campaign = serializers.PrimaryKeyRelatedField(
        queryset=Campaign.objects.all(), allow_null=True, required=False
    )
    photos = serializers.ListField(
        child=serializers.FileField(), required=False, default=list, write_only=True
    )
    grid_name = serializers.CharField(source="grid.name", read_only=True)
    category_name = serializers.CharField(source="category.name", read_only=True)
    status = serializers.SerializerMethodField()
    task_code = serializers.SerializerMethodField()
    lead_unit = serializers.SerializerMethodField()
    deadline = serializers.SerializerMethodField()

    class Meta:
        model = GridEvent
        fields = [
            "id",
            "grid",
            "grid_name",
            "category",
            "category_name",
            "campaign",
            "description",
            "address",
            "latitude",
            "longitude",
            "photos",
            "reported_by",
            "reported_at",
            "decision",
            "decision_reason",
            "status",
            "task",
            "task_code",
            "lead_unit",
            "deadline",
        ]
        read_only_fields = [
            "reported_by",
            "reported_at",
            "decision",
            "decision_reason",
            "task",
        ]

    def get_status(self, obj) -> str:
        return obj.status

    def get_task_code(self, obj) -> str | None:
        return obj.task.code if obj.task_id else None

    def get_lead_unit(self, obj) -> int | None:
        return obj.task.lead_unit_id if obj.task_id else None

    def get_deadline(self, obj) -> str | None:
        return obj.task.deadline.isoformat() if obj.task_id else None

    def create(self, validated_data):
        return actions.report_event(actor=self.context["request"].user, **validated_data)


class FileSerializer(serializers.Serializer):
    responsible_unit = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.all(), allow_null=True, required=False, default=None
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField()


class RecheckSerializer(serializers.Serializer):
    passed = serializers.BooleanField()
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    photos = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class GridEventViewSet(ScopedViewSet):
    """Grid events in the caller's scope; POST creates a report; decisions and re-checks by
    POST to /grid/events/{id}/file|reject|recheck/."""

    model = GridEvent
    serializer_class = GridEventSerializer
    filterset_class = GridEventFilter
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("grid", "category", "task")
            .order_by("-reported_at", "-pk")
        )

    def _do(self, request, pk, body_class, function):
        body = body_class(data=request.data)
        event_id = call_action(function, pk, body, actor=request.user)
        event = GridEvent.objects.select_related("grid", "category", "task").get(pk=event_id)
        return Response(self.get_serializer(event).data)

    @extend_schema(request=FileSerializer, responses=GridEventSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def file(self, request, pk=None):
        return self._do(request, pk, FileSerializer, actions.file_event)

    @extend_schema(request=RejectSerializer, responses=GridEventSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def reject(self, request, pk=None):
        return self._do(request, pk, RejectSerializer, actions.reject_event)

    @extend_schema(request=RecheckSerializer, responses=GridEventSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def recheck(self, request, pk=None):
        return self._do(request, pk, RecheckSerializer, actions.recheck_event)


class CanViewCampaigns(permissions.BasePermission):
    def has_permission(self, request, view):
        return request.user.is_authenticated and request.user.has_perm("grid.view_campaign")


class CampaignSerializer(ScopedModelSerializer):
    class Meta:
        model = Campaign
        fields = [
            "id",
            "name",
            "description",
            "start_date",
            "end_date",
            "issuer",
            "task_list",
            "is_illustrative",
        ]


class CampaignViewSet(ScopedViewSet):
    model = Campaign
    serializer_class = CampaignSerializer
    permission_classes = [CanViewCampaigns]
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().order_by("start_date", "name")


class MetricsViewSet(viewsets.ViewSet):
    """按期结案率, 结案率 and 返工率 of the caller's grid events, per responsible unit and
    per campaign, for ?from=YYYY-MM-DD&to=YYYY-MM-DD (default: this year so far)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("from", str, description="YYYY-MM-DD"),
            OpenApiParameter("to", str, description="YYYY-MM-DD"),
        ],
        responses=period_report(
            "GridMetrics", units=rows("Per unit."), campaigns=rows("Per campaign.")
        ),
    )
    def list(self, request):
        if not request.user.has_perm("grid.view_gridevent"):
            raise exceptions.PermissionDenied()
        start, end, error = period(request.query_params)
        if error:
            raise exceptions.ValidationError({"from": [error]})
        events = restrict(GridEvent.objects.all(), request.user, "view")
        result = event_metrics(events, start, end)
        return Response({"from": start, "to": end, "as_of": timezone.localdate(), **result})
