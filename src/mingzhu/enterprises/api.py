"""API of the enterprise module under /api/v1/: the registry, annual data, per-mu results,
visits and demands (raise by POST; dispatch and rate by POST to their actions), and the
three rates per department."""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from mingzhu.core.api import (
    ScopedModelSerializer,
    ScopedViewSet,
    object_action,
    register_viewsets,
    requested_period,
    shown_fields,
)
from mingzhu.core.schema import PERIOD_PARAMETERS, period_report, rows
from mingzhu.org.choices import TOWN_KINDS, UnitKind
from mingzhu.org.models import OrgUnit
from mingzhu.tasks.api import TaskFields

from . import actions, services
from .choices import Channel
from .demands import demand_rates
from .evaluation import visible_results
from .filters import DemandFilter, EnterpriseFilter
from .forms import EnterpriseForm
from .models import PRIMARY_SCHEME, AnnualData, Demand, Enterprise, MuResult, Visit


def _of_year(queryset, request):
    """The rows of ``?year=`` (all of them without a year, or with one not a number)."""
    year = request.query_params.get("year", "")
    return queryset.filter(year=int(year)) if year.isdigit() else queryset


class EnterpriseSerializer(ScopedModelSerializer):
    town = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.filter(kind__in=TOWN_KINDS))
    account_unit = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.filter(kind=UnitKind.COMPANY), allow_null=True, required=False
    )
    town_name = serializers.CharField(source="town.name", read_only=True)

    class Meta:
        model = Enterprise
        fields = shown_fields(
            EnterpriseForm.Meta.fields, after={"town": ("town_name",)}, end=("is_illustrative",)
        )
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
    select = ("town",)
    ordering = ("name", "pk")


class AnnualDataSerializer(ScopedModelSerializer):
    class Meta:
        model = AnnualData
        fields = [
            "id",
            "enterprise",
            "year",
            *(f for f in services.FIELDS if f != "land_mu"),
            "exempt_reason",
            "veto_reason",
            "bonus",
            "is_hundred_billion",
        ]


class AnnualDataViewSet(ScopedViewSet):
    model = AnnualData
    serializer_class = AnnualDataSerializer
    http_method_names = ["get", "head", "options"]
    ordering = ("-year", "enterprise_id")

    def get_queryset(self):
        return _of_year(super().get_queryset(), self.request)


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
    select = ("enterprise",)
    ordering = ("year", "group", "rank", "pk")

    def get_queryset(self):
        """?year= and ?scheme= (a scheme's code; the city's own scheme without it)."""
        queryset = visible_results(super().get_queryset(), self.request.user)
        code = self.request.query_params.get("scheme", "") or PRIMARY_SCHEME
        return _of_year(queryset.filter(evaluation__scheme_code=code), self.request)


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
    ordering = ("-date", "-pk")

    def perform_create(self, serializer):
        serializer.save()


class DemandSerializer(ScopedModelSerializer, TaskFields):
    enterprise = serializers.PrimaryKeyRelatedField(queryset=Enterprise.objects.all())
    channel = serializers.ChoiceField(
        choices=Channel.choices, required=False, default=Channel.HOTLINE
    )
    department = serializers.SerializerMethodField(method_name="get_lead_unit")

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
    select = ("task",)
    prefetch = ("ratings",)
    ordering = ("-raised_at", "-pk")

    dispatch_to = object_action(actions.dispatch_demand, DispatchSerializer, url_path="dispatch")
    rate = object_action(actions.rate_demand, RateSerializer)

    def get_queryset(self):
        return super().get_queryset().with_reopened()

    def perform_create(self, serializer):
        serializer.save()


class DemandRatesViewSet(viewsets.ViewSet):
    """响应率, 解决率 and 满意率 of the caller's demands per department, for
    ?from=YYYY-MM-DD&to=YYYY-MM-DD (default: this year so far)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=PERIOD_PARAMETERS,
        responses=period_report("DemandRates", results=rows("One row per department.")),
    )
    def list(self, request):
        start, end = requested_period(request, "enterprises.view_demand")
        rows = demand_rates(Demand.objects.restrict(request.user), start, end)
        return Response({"from": start, "to": end, "as_of": timezone.localdate(), "results": rows})


def register(router) -> None:
    """Register this app's viewsets on the /api/v1/ router."""
    register_viewsets(
        router,
        "enterprises",
        [
            ("registry", EnterpriseViewSet),
            ("annual-data", AnnualDataViewSet),
            ("mu-results", MuResultViewSet),
            ("visits", VisitViewSet),
            ("demands", DemandViewSet),
            ("demand-rates", DemandRatesViewSet),
        ],
    )
