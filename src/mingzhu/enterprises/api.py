"""API of the enterprise module under /api/v1/: the registry, annual data, per-mu results,
visits and demands (raise by POST; dispatch and rate by POST to their actions), and the
three rates per department."""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from mingzhu.core.api import ScopedModelSerializer, ScopedViewSet, call_action
from mingzhu.core.periods import period
from mingzhu.core.schema import period_report, rows
from mingzhu.org.choices import TOWN_KINDS, UnitKind
from mingzhu.org.models import OrgUnit

from . import actions
from .choices import Channel
from .demands import demand_rates
from .filters import DemandFilter, EnterpriseFilter
from .models import AnnualData, Demand, Enterprise, MuResult, Visit


class EnterpriseSerializer(ScopedModelSerializer):
    town = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.filter(kind__in=TOWN_KINDS))
    account_unit = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.filter(kind=UnitKind.COMPANY), allow_null=True, required=False
    )
    town_name = serializers.CharField(source="town.name", read_only=True)

    class Meta:
        model = Enterprise
        fields = [
            "id",
            "credit_code",
            "name",
            "town",
            "town_name",
            "account_unit",
            "industry",
            "scale",
            "land_mu",
            "high_tech_certificate",
            "high_tech_from",
            "high_tech_until",
            "listing",
            "digital",
            "is_illustrative",
        ]
        read_only_fields = ["is_illustrative"]

    def validate(self, attrs):
        instance = Enterprise(**{**({} if self.instance is None else self._current()), **attrs})
        if self.instance is not None:
            instance.pk = self.instance.pk
        instance.clean()
        # The code is compared once normalised (upper case): the field's own uniqueness
        # check saw it as typed.
        taken = Enterprise.objects.filter(credit_code=instance.credit_code)
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise serializers.ValidationError(
                {"credit_code": _("An enterprise with this credit code exists.")}
            )
        attrs["credit_code"] = instance.credit_code
        return attrs

    def _current(self):
        return {
            f: getattr(self.instance, f)
            for f in ("credit_code", "name", "town", "industry", "scale")
        }


class EnterpriseViewSet(ScopedViewSet):
    model = Enterprise
    serializer_class = EnterpriseSerializer
    filterset_class = EnterpriseFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().select_related("town").order_by("name", "pk")


class AnnualDataSerializer(ScopedModelSerializer):
    class Meta:
        model = AnnualData
        fields = [
            "id",
            "enterprise",
            "year",
            "sales",
            "tax",
            "value_added",
            "energy_tce",
            "electricity",
            "emissions",
            "rd_expense",
            "employees",
            "exempt_reason",
            "veto_reason",
            "bonus",
            "is_hundred_billion",
        ]


class AnnualDataViewSet(ScopedViewSet):
    model = AnnualData
    serializer_class = AnnualDataSerializer
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        qs = super().get_queryset().order_by("-year", "enterprise_id")
        year = self.request.query_params.get("year", "")
        return qs.filter(year=int(year)) if year.isdigit() else qs


class MuResultSerializer(ScopedModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    credit_code = serializers.CharField(source="enterprise.credit_code", read_only=True)

    class Meta:
        model = MuResult
        fields = [
            "id",
            "year",
            "enterprise",
            "enterprise_name",
            "credit_code",
            "town",
            "group",
            "score",
            "rank",
            "mu_class",
            "indicators",
            "extra_cost",
        ]


class MuResultViewSet(ScopedViewSet):
    model = MuResult
    serializer_class = MuResultSerializer
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        qs = (
            super()
            .get_queryset()
            .select_related("enterprise")
            .order_by("year", "group", "rank", "pk")
        )
        year = self.request.query_params.get("year", "")
        return qs.filter(year=int(year)) if year.isdigit() else qs


class VisitSerializer(ScopedModelSerializer):
    class Meta:
        model = Visit
        fields = ["id", "enterprise", "kind", "date", "visitors", "unit", "notes", "recorded_by"]
        read_only_fields = ["unit", "recorded_by"]

    def create(self, validated_data):
        return actions.record_visit(actor=self.context["request"].user, **validated_data)


class VisitViewSet(ScopedViewSet):
    model = Visit
    serializer_class = VisitSerializer
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().order_by("-date", "-pk")

    def perform_create(self, serializer):
        serializer.save()


class DemandSerializer(ScopedModelSerializer):
    enterprise = serializers.PrimaryKeyRelatedField(queryset=Enterprise.objects.all())
    channel = serializers.ChoiceField(
        choices=Channel.choices, required=False, default=Channel.HOTLINE
    )
    status = serializers.SerializerMethodField()
    department = serializers.SerializerMethodField()
    deadline = serializers.SerializerMethodField()

    class Meta:
        model = Demand
        fields = [
            "id",
            "enterprise",
            "category",
            "content",
            "channel",
            "raised_at",
            "status",
            "task",
            "department",
            "deadline",
            "reopened",
        ]
        read_only_fields = ["raised_at", "task", "reopened"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["enterprise"].queryset = Enterprise.objects.restrict(request.user)

    def get_status(self, obj) -> str:
        return obj.status

    def get_department(self, obj) -> int | None:
        return obj.task.lead_unit_id if obj.task_id else None

    def get_deadline(self, obj) -> str | None:
        return obj.task.deadline.isoformat() if obj.task_id else None

    def create(self, validated_data):
        return actions.raise_demand(actor=self.context["request"].user, **validated_data)


class DispatchSerializer(serializers.Serializer):
    department = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    time_limit = serializers.IntegerField(min_value=1, max_value=365, required=False, default=None)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class RateSerializer(serializers.Serializer):
    rating = serializers.ChoiceField(choices=["satisfied", "basic", "dissatisfied"])
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class DemandViewSet(ScopedViewSet):
    """Demands in the caller's scope; POST raises one; POST /{id}/dispatch/ and /{id}/rate/."""

    model = Demand
    serializer_class = DemandSerializer
    filterset_class = DemandFilter
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .with_reopened()
            .select_related("task")
            .prefetch_related("ratings")
            .order_by("-raised_at", "-pk")
        )

    def perform_create(self, serializer):
        serializer.save()

    def _do(self, request, pk, body_class, function):
        demand_id = call_action(function, pk, body_class(data=request.data), actor=request.user)
        return Response(self.get_serializer(Demand.objects.get(pk=demand_id)).data)

    @extend_schema(request=DispatchSerializer, responses=DemandSerializer)
    @action(
        detail=True, methods=["post"], permission_classes=[IsAuthenticated], url_path="dispatch"
    )
    def dispatch_to(self, request, pk=None):
        return self._do(request, pk, DispatchSerializer, actions.dispatch_demand)

    @extend_schema(request=RateSerializer, responses=DemandSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def rate(self, request, pk=None):
        return self._do(request, pk, RateSerializer, actions.rate_demand)


class DemandRatesViewSet(viewsets.ViewSet):
    """响应率, 解决率 and 满意率 of the caller's demands per department, for
    ?from=YYYY-MM-DD&to=YYYY-MM-DD (default: this year so far)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("from", str, description="YYYY-MM-DD"),
            OpenApiParameter("to", str, description="YYYY-MM-DD"),
        ],
        responses=period_report("DemandRates", results=rows("One row per department.")),
    )
    def list(self, request):
        if not request.user.has_perm("enterprises.view_demand"):
            raise exceptions.PermissionDenied()
        start, end, error = period(request.query_params)
        if error:
            raise exceptions.ValidationError({"from": [error]})
        rows = demand_rates(Demand.objects.restrict(request.user), start, end)
        return Response({"from": start, "to": end, "as_of": timezone.localdate(), "results": rows})


def register(router) -> None:
    """Register this app's viewsets on the /api/v1/ router."""
    for prefix, viewset in [
        ("registry", EnterpriseViewSet),
        ("annual-data", AnnualDataViewSet),
        ("mu-results", MuResultViewSet),
        ("visits", VisitViewSet),
        ("demands", DemandViewSet),
        ("demand-rates", DemandRatesViewSet),
    ]:
        router.register(f"enterprises/{prefix}", viewset, basename=f"enterprises-{prefix}")
