from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from mingzhu.core.api import (
    ScopedModelSerializer,
    ScopedViewSet,
    object_action,
    requested_period,
    shown_fields,
)
from mingzhu.core.schema import PERIOD_PARAMETERS, period_report, rows
from mingzhu.core.scope import restrict
from mingzhu.org.choices import UnitKind
from mingzhu.org.models import OrgUnit
from mingzhu.tasks.api import TaskFields

from . import actions
from .filters import GridEventFilter
from .forms import CampaignForm, ReportForm
from .metrics import event_metrics
from .models import Campaign, EventCategory, GridEvent


class GridEventSerializer(ScopedModelSerializer, TaskFields):
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
    client_uuid = serializers.UUIDField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The phone's key for a report: a report sent again with it files nothing.",
    )
    grid_name = serializers.CharField(source="grid.name", read_only=True)
    category_name = serializers.CharField(source="category.name", read_only=True)

    class Meta:
        model = GridEvent
        fields = shown_fields(
            ReportForm.Meta.fields,
            after={"grid": ("grid_name",), "category": ("category_name",)},
            end=(
                "client_uuid",
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
            ),
        )
        read_only_fields = [
            "reported_by",
            "reported_at",
            "decision",
            "decision_reason",
            "task",
        ]

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
    select = ("grid", "category", "task")
    ordering = ("-reported_at", "-pk")

    file = object_action(actions.file_event, FileSerializer)
    reject = object_action(actions.reject_event, RejectSerializer)
    recheck = object_action(actions.recheck_event, RecheckSerializer)


class CanViewCampaigns(permissions.BasePermission):
    def has_permission(self, request, view):
        return request.user.is_authenticated and request.user.has_perm("grid.view_campaign")


class CampaignSerializer(ScopedModelSerializer):
    class Meta:
        model = Campaign
        fields = shown_fields(CampaignForm.Meta.fields, end=("is_illustrative",))


class CampaignViewSet(ScopedViewSet):
    model = Campaign
    serializer_class = CampaignSerializer
    permission_classes = [CanViewCampaigns]
    http_method_names = ["get", "head", "options"]
    ordering = ("start_date", "name")


class MetricsViewSet(viewsets.ViewSet):
    """按期结案率, 结案率 and 返工率 of the caller's grid events, per responsible unit and
    per campaign, for ?from=YYYY-MM-DD&to=YYYY-MM-DD (default: this year so far)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=PERIOD_PARAMETERS,
        responses=period_report(
            "GridMetrics", units=rows("Per unit."), campaigns=rows("Per campaign.")
        ),
    )
    def list(self, request):
        start, end = requested_period(request, "grid.view_gridevent")
        events = restrict(GridEvent.objects.all(), request.user, "view")
        result = event_metrics(events, start, end)
        return Response({"from": start, "to": end, "as_of": timezone.localdate(), **result})
