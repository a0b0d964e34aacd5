"""/api/v1/livelihood/…: requests (masked), their actions and the dispatch suggestion;
households (masked), funds and entries, coverage; the three rates."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from mingzhu.core.api import (
    RequiredBooleanField,
    ScopedModelSerializer,
    ScopedViewSet,
    object_action,
    shown_fields,
)
from mingzhu.core.schema import report, rows
from mingzhu.core.scope import restrict
from mingzhu.org.models import OrgUnit
from mingzhu.tasks.api import TaskFields

from . import actions, suggest
from .choices import AidReason, EntryKind, Satisfaction
from .filters import CitizenRequestFilter, HouseholdFilter
from .forms import HouseholdForm
from .metrics import rates_for
from .models import (
    CitizenRequest,
    CoverageRecord,
    FundEntry,
    MonitoredHousehold,
    MutualAidFund,
    RequestCategory,
)


class CitizenRequestSerializer(ScopedModelSerializer, TaskFields):
    """Name and phone are write-only on the way in and masked on the way out."""

    category = serializers.PrimaryKeyRelatedField(queryset=RequestCategory.objects.all())
    town = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    village = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.all(), allow_null=True, required=False
    )
    requester_name = serializers.CharField(
        write_only=True, required=False, allow_blank=True, default=""
    )
    phone = serializers.CharField(write_only=True, required=False, allow_blank=True, default="")
    answer = serializers.SerializerMethodField()

    class Meta:
        model = CitizenRequest
        fields = [
            "id",
            "number",
            "channel",
            "request_type",
            "category",
            "content",
            "town",
            "village",
            "address",
            "requester_name",
            "phone",
            "name_masked",
            "phone_masked",
            "received_at",
            "status",
            "task",
            "lead_unit",
            "deadline",
            "answer",
            "return_count",
            "reopened",
            "is_illustrative",
        ]
        read_only_fields = [
            "number",
            "name_masked",
            "phone_masked",
            "received_at",
            "task",
            "return_count",
            "reopened",
            "is_illustrative",
        ]

    def get_answer(self, obj) -> str:
        """The handling unit's answer (its task's result), read at callback."""
        return obj.task.result if obj.task_id else ""

    def create(self, validated_data):
        return actions.register_request(actor=self.context["request"].user, **validated_data)


class UnitBody(serializers.Serializer):
    unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ReasonBody(serializers.Serializer):
    reason = serializers.CharField()


class AnswerBody(serializers.Serializer):
    result = serializers.CharField()


class EmptyBody(serializers.Serializer):
    pass


class CallbackBody(serializers.Serializer):
    """Both answers are required; nothing defaults to resolved or satisfied."""

    resolved = RequiredBooleanField()
    satisfaction = serializers.ChoiceField(choices=Satisfaction.choices)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class CitizenRequestViewSet(ScopedViewSet):
    """Citizen requests in the caller's scope. POST registers one (the intake desk);
    transitions by POST to /livelihood/requests/{id}/<action>/."""

    model = CitizenRequest
    serializer_class = CitizenRequestSerializer
    filterset_class = CitizenRequestFilter
    http_method_names = ["get", "post", "head", "options"]
    select = ("task",)
    ordering = ("-received_at", "-pk")

    dispatch_to = object_action(actions.dispatch, UnitBody, url_path="dispatch_to")
    redispatch = object_action(actions.redispatch, UnitBody)
    return_ = object_action(actions.return_request, ReasonBody, url_path="return")
    accept = object_action(actions.accept, EmptyBody)
    answer = object_action(actions.answer, AnswerBody)
    callback = object_action(actions.callback, CallbackBody)

    def get_queryset(self):
        return super().get_queryset().with_reopened()

    @extend_schema(
        responses=report(
            "DispatchSuggestion",
            units=rows("Up to three units: unit, name, score."),
            reason=serializers.CharField(allow_blank=True),
            top1_accuracy=serializers.FloatField(allow_null=True),
            top3_accuracy=serializers.FloatField(allow_null=True),
        )
    )
    @action(detail=True, methods=["get"], permission_classes=[IsAuthenticated])
    def suggestion(self, request, pk=None):
        """The dispatch suggestion: top-3 units with scores, or why there is none."""
        if not actions.is_desk(request.user):
            raise exceptions.PermissionDenied()
        obj = self.get_object()
        result = suggest.for_request(obj)
        model = result.get("model")
        return Response(
            {
                "units": [
                    {"unit": s["unit"].pk, "name": s["unit"].name, "score": s["score"]}
                    for s in result["units"]
                ],
                "reason": result["reason"],
                "top1_accuracy": model.top1 if model else None,
                "top3_accuracy": model.top3 if model else None,
            }
        )


class MonitoredHouseholdSerializer(ScopedModelSerializer):
    alert = serializers.SerializerMethodField()

    class Meta:
        model = MonitoredHousehold
        fields = shown_fields(
            HouseholdForm.Meta.fields,
            after={"head_name": ("id_masked",)},
            end=("elimination", "eliminated_on", "alert", "is_illustrative"),
        )
        read_only_fields = fields

    def get_alert(self, obj) -> str | None:
        from . import services

        return services.income_alert(obj.income_per_capita, actions.line_for(obj.income_year))


class HouseholdViewSet(ScopedViewSet):
    """Monitored households in the caller's scope (ID numbers masked), read-only."""

    model = MonitoredHousehold
    serializer_class = MonitoredHouseholdSerializer
    filterset_class = HouseholdFilter
    http_method_names = ["get", "head", "options"]
    ordering = ("pk",)


class FundEntrySerializer(ScopedModelSerializer):
    kind = serializers.ChoiceField(choices=EntryKind.choices)
    reason = serializers.ChoiceField(choices=AidReason.choices, required=False, allow_blank=True)

    class Meta:
        model = FundEntry
        fields = [
            "id",
            "fund",
            "kind",
            "amount",
            "date",
            "donor",
            "purpose",
            "recipient",
            "reason",
            "status",
            "corrects",
            "approved_by",
            "approved_at",
        ]
        read_only_fields = ["status", "corrects", "approved_by", "approved_at"]

    def create(self, validated_data):
        fund = validated_data.pop("fund")
        return actions.record_entry(fund.pk, actor=self.context["request"].user, **validated_data)


class FundEntryViewSet(ScopedViewSet):
    """Entries of the funds in the caller's scope; POST records one (a draft); approve by
    POST to /livelihood/fund-entries/{id}/approve/. Approved entries never change."""

    model = FundEntry
    serializer_class = FundEntrySerializer
    http_method_names = ["get", "post", "head", "options"]
    ordering = ("date", "pk")

    approve = object_action(actions.approve_entry, EmptyBody)


class MutualAidFundSerializer(ScopedModelSerializer):
    class Meta:
        model = MutualAidFund
        fields = ["id", "village", "name", "is_illustrative"]


class FundViewSet(ScopedViewSet):
    model = MutualAidFund
    serializer_class = MutualAidFundSerializer
    http_method_names = ["get", "head", "options"]
    ordering = ("pk",)


class CoverageRecordSerializer(ScopedModelSerializer):
    rate = serializers.FloatField(read_only=True, allow_null=True)

    class Meta:
        model = CoverageRecord
        fields = ["id", "village", "year", "scheme", "registered", "insured", "rate", "task"]
        read_only_fields = fields


class CoverageViewSet(ScopedViewSet):
    model = CoverageRecord
    serializer_class = CoverageRecordSerializer
    http_method_names = ["get", "head", "options"]
    ordering = ("year", "village_id", "scheme")


class RatesViewSet(viewsets.ViewSet):
    """三率 per unit for ?month=YYYY-MM (default: this month), with the red and black lists."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("month", str, description="YYYY-MM")],
        responses=report(
            "CitizenRequestRates",
            from_=serializers.DateField(),
            to=serializers.DateField(),
            weights=report(
                "RateWeights",
                response=serializers.FloatField(),
                resolution=serializers.FloatField(),
                satisfaction=serializers.FloatField(),
                contact_hours=serializers.IntegerField(),
                min_cases=serializers.IntegerField(),
                list_size=serializers.IntegerField(),
            ),
            results=rows("One row per unit, in rank order (rank null: not ranked)."),
            red=serializers.ListField(child=serializers.IntegerField()),
            black=serializers.ListField(child=serializers.IntegerField()),
        ),
    )
    def list(self, request):
        if not request.user.has_perm("livelihood.view_citizenrequest"):
            raise exceptions.PermissionDenied()
        today = timezone.localdate()
        try:
            year, month = (
                int(p) for p in (request.query_params.get("month") or f"{today:%Y-%m}").split("-")
            )
            if not 1 <= month <= 12:
                raise ValueError
        except ValueError:
            raise exceptions.ValidationError(
                {"month": ["The month must look like 2025-12."]}
            ) from None
        result = rates_for(
            restrict(CitizenRequest.objects.all(), request.user, "view"), year, month
        )
        weights = result["weights"]
        return Response(
            {
                "from": result["start"],
                "to": result["end"],
                "weights": {
                    "response": weights.response,
                    "resolution": weights.resolution,
                    "satisfaction": weights.satisfaction,
                    "contact_hours": weights.contact_hours,
                    "min_cases": weights.min_cases,
                    "list_size": weights.list_size,
                },
                "results": result["rows"],
                "red": [r["unit"] for r in result["red"]],
                "black": [r["unit"] for r in result["black"]],
            }
        )


def register(router) -> None:
    """Register this app's viewsets on the /api/v1/ router."""
    router.register("livelihood/requests", CitizenRequestViewSet, basename="citizenrequest")
    router.register("livelihood/households", HouseholdViewSet, basename="monitoredhousehold")
    router.register("livelihood/funds", FundViewSet, basename="mutualaidfund")
    router.register("livelihood/fund-entries", FundEntryViewSet, basename="fundentry")
    router.register("livelihood/coverage", CoverageViewSet, basename="coveragerecord")
    router.register("livelihood/rates", RatesViewSet, basename="livelihood-rates")
