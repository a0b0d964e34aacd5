"""The risks API: hazards (list, read, register; owner and measures by PATCH-free action),
hazard metrics, and read-only debt with the planner."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from mingzhu.core.api import (
    ScopedModelSerializer,
    ScopedViewSet,
    object_action,
    requested_period,
    shown_fields,
)
from mingzhu.core.schema import PERIOD_PARAMETERS, period_report, report, rows
from mingzhu.core.scope import restrict
from mingzhu.org.models import OrgUnit
from mingzhu.tasks.api import TaskFields

from . import actions, services
from .debt.data import compute_plan
from .debt.planner import as_json
from .filters import HazardFilter, InstrumentFilter
from .forms import DebtInstrumentForm
from .metrics import summary
from .models import CashPosition, DebtInstrument, Hazard


class HazardSerializer(ScopedModelSerializer, TaskFields):
    unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    task_deadline = serializers.SerializerMethodField(method_name="get_deadline")
    # Written once, as the rectification task's deadline; read back from the task.
    deadline = serializers.DateField()
    photos = serializers.ListField(
        child=serializers.FileField(), required=False, default=list, write_only=True
    )

    class Meta:
        model = Hazard
        fields = [
            "id",
            "title",
            "domain",
            "level",
            "unit",
            "unit_name",
            "address",
            "latitude",
            "longitude",
            "found_on",
            "found_by",
            "description",
            "owner",
            "measures",
            "deadline",
            "photos",
            "status",
            "task",
            "task_code",
            "task_deadline",
            "is_illustrative",
        ]
        read_only_fields = ["task", "is_illustrative"]

    def create(self, validated_data):
        return actions.register_hazard(actor=self.context["request"].user, **validated_data)


class HazardPlanSerializer(serializers.Serializer):
    owner = serializers.CharField(required=False, allow_blank=True, default="")
    measures = serializers.CharField(required=False, allow_blank=True, default="")


class HazardViewSet(ScopedViewSet):
    """Hazards in the caller's scope. POST registers one (and assigns its rectification
    task); POST /risks/hazards/{id}/plan/ records owner and measures."""

    model = Hazard
    serializer_class = HazardSerializer
    filterset_class = HazardFilter
    http_method_names = ["get", "post", "head", "options"]
    select = ("unit", "task")
    ordering = ("-found_on", "-pk")

    plan = object_action(actions.update_hazard, HazardPlanSerializer)

    def perform_create(self, serializer):
        if not actions.may_register(self.request.user):
            raise exceptions.PermissionDenied()
        super().perform_create(serializer)


def _rate(rate: services.Rate) -> dict:
    return {"numerator": rate.numerator, "denominator": rate.denominator, "value": rate.value}


class HazardMetricsViewSet(viewsets.ViewSet):
    """可知 and 可控 of the caller's hazards for ?from=&to= (default: this year so far),
    with the overdue major hazards."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=PERIOD_PARAMETERS,
        responses=period_report(
            "HazardMetrics",
            open=serializers.IntegerField(),
            major_open=serializers.IntegerField(),
            knowable=serializers.JSONField(),
            controllable=serializers.JSONField(),
            overdue_major=rows("id, title, deadline"),
        ),
    )
    def list(self, request):
        start, end = requested_period(request, "risks.view_hazard")
        as_of = timezone.localdate()
        result = summary(restrict(Hazard.objects.all(), request.user, "view"), start, end, as_of)
        return Response(
            {
                "from": start,
                "to": end,
                "as_of": as_of,
                "open": result["open"],
                "major_open": result["major_open"],
                "knowable": _rate(result["knowable"]),
                "controllable": _rate(result["controllable"]),
                "overdue_major": [
                    {"id": f.pk, "title": f.title, "deadline": f.deadline}
                    for f in result["overdue_major"]
                ],
            }
        )


class InstrumentSerializer(ScopedModelSerializer):
    entity_name = serializers.CharField(source="entity.name", read_only=True)

    class Meta:
        model = DebtInstrument
        fields = shown_fields(
            DebtInstrumentForm.Meta.fields,
            after={"entity": ("entity_name",)},
            end=("is_illustrative",),
        )


class InstrumentViewSet(ScopedViewSet):
    """Debt instruments (the leader, the supervision office and the finance bureau only).
    GET /risks/debt/instruments/plan/?window=&refi_rate=&use_cash= runs the planner."""

    model = DebtInstrument
    serializer_class = InstrumentSerializer
    filterset_class = InstrumentFilter
    http_method_names = ["get", "head", "options"]
    select = ("entity",)
    ordering = ("maturity", "code")

    @extend_schema(
        parameters=[
            OpenApiParameter("window", int),
            OpenApiParameter("refi_rate", float, description="% a year"),
            OpenApiParameter("use_cash", bool),
        ],
        responses=report(
            "DebtPlan",
            months=serializers.ListField(child=serializers.CharField()),
            due_before=serializers.ListField(child=serializers.FloatField()),
            due_after=serializers.ListField(child=serializers.FloatField()),
            peak_before=serializers.FloatField(),
            peak_after=serializers.FloatField(),
            extra_cost=serializers.FloatField(),
            moves=rows("instrument, from, to, amount"),
        ),
    )
    @action(detail=False, methods=["get"])
    def plan(self, request):
        params = request.query_params
        try:
            window = int(params["window"]) if params.get("window") else None
            refi = float(params["refi_rate"]) if params.get("refi_rate") else None
        except ValueError:
            raise exceptions.ValidationError(
                {"detail": "window and refi_rate must be numbers"}
            ) from None
        if (window is not None and not 1 <= window <= 120) or (
            refi is not None and not 0 <= refi <= 30
        ):
            raise exceptions.ValidationError({"detail": "window 1–120, refi_rate 0–30 (%)"})
        cash = restrict(CashPosition.objects.all(), request.user, "view")
        result = compute_plan(
            self.get_queryset(),
            cash,
            as_of=timezone.localdate(),
            window=window,
            refi_rate=refi,
            use_cash=params.get("use_cash") in ("1", "true", "yes"),
        )
        return Response(as_json(result))


def register(router) -> None:
    """Register this app's viewsets on the /api/v1/ router."""
    router.register("risks/hazards", HazardViewSet, basename="risks-hazard")
    router.register("risks/hazard-metrics", HazardMetricsViewSet, basename="risks-hazard-metrics")
    router.register("risks/debt/instruments", InstrumentViewSet, basename="risks-instrument")
