import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from mingzhu.core.actions import require_in_scope
from mingzhu.core.api import ScopedModelSerializer, ScopedViewSet, shown_fields
from mingzhu.org.models import OrgUnit

from .filters import IndicatorFilter, ObservationFilter
from .forms import INDICATOR_FIELDS, ObservationForm
from .models import Indicator, Observation, Target
from .progress import as_json, progress_rows
from .scoping import writable_units
from .services import PeriodError, parse_period


class IndicatorSerializer(ScopedModelSerializer):
    class Meta:
        model = Indicator
        fields = ["id", *INDICATOR_FIELDS]


class IndicatorViewSet(ScopedViewSet):
    model = Indicator
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter
    http_method_names = ["get", "head", "options"]
    ordering = ("sort_order", "code")


class ObservationSerializer(ScopedModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", queryset=Indicator.objects.all())
    unit = serializers.SlugRelatedField(slug_field="code", queryset=OrgUnit.objects.all())
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    measure_unit = serializers.CharField(required=False, allow_blank=True, default="")
    overwrite = serializers.BooleanField(
        required=False,
        default=False,
        write_only=True,
        help_text="Replace the value already entered for this indicator, unit and period "
        "(the change log keeps the old one); without it such a value is refused.",
    )

    class Meta:
        model = Observation
        fields = shown_fields(
            ObservationForm.Meta.fields,
            after={"unit": ("unit_name",), "period": ("period_start", "period_end")},
            end=("entered_by", "is_illustrative", "overwrite"),
        )
        read_only_fields = ["period_start", "period_end", "entered_by", "is_illustrative"]
        validators = []  # uniqueness is checked on the normalised period in validate()

    def validate(self, attrs):
        indicator = attrs["indicator"]
        measure = (attrs.get("measure_unit") or "").strip()
        if measure and measure != indicator.unit:
            raise serializers.ValidationError(
                {
                    "measure_unit": _("%(given)s does not match the indicator's unit %(unit)s.")
                    % {"given": measure, "unit": indicator.unit}
                }
            )
        problem = indicator.value_problem(attrs.get("value"))
        if problem:
            raise serializers.ValidationError({"value": problem})
        try:
            period = parse_period(attrs["period"], indicator.frequency)
        except PeriodError as exc:
            raise serializers.ValidationError({"period": str(exc)}) from exc
        user = self.context["request"].user
        if not writable_units(user, "add").filter(pk=attrs["unit"].pk).exists():
            raise exceptions.PermissionDenied(_("You may not enter observations for this unit."))
        taken = Observation.objects.filter(
            indicator=indicator, unit=attrs["unit"], period=period.key
        ).first()
        if taken is not None and not attrs.get("overwrite"):
            # A figure entered is never replaced silently: only when asked, and the change
            # log keeps the old value beside the new.
            raise serializers.ValidationError(
                {
                    "period": _(
                        "%(period)s already has the value %(value)s %(unit)s; "
                        "send overwrite to replace it."
                    )
                    % {
                        "period": period.key,
                        "value": f"{taken.value.normalize():f}",
                        "unit": indicator.unit,
                    }
                }
            )
        attrs["replaces"] = taken
        attrs |= {
            "period": period.key,
            "period_start": period.start,
            "period_end": period.end,
            "measure_unit": indicator.unit,
        }
        return attrs

    def create(self, validated_data):
        validated_data.pop("overwrite", None)
        existing = validated_data.pop("replaces", None)
        if existing is None:
            return super().create(validated_data)
        existing = Observation.objects.select_for_update().get(pk=existing.pk)
        for field in ("value", "source", "entered_by"):
            if field in validated_data:
                setattr(existing, field, validated_data[field])
        existing.save()
        return existing


class ObservationViewSet(ScopedViewSet):
    """Observations the caller may read (peer counties' included); POST enters one for a
    unit the caller may write."""

    model = Observation
    serializer_class = ObservationSerializer
    filterset_class = ObservationFilter
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        qs = Observation.objects.restrict(self.request.user, "view").select_related(
            "indicator", "unit"
        )
        return qs.order_by("indicator__sort_order", "unit__code", "period_end", "pk")

    def perform_create(self, serializer):
        with transaction.atomic():
            obj = serializer.save(entered_by=self.request.user)
            require_in_scope(
                obj,
                self.request.user,
                "add",
                exceptions.PermissionDenied(_("The result would lie outside your data scope.")),
                model=Observation,
            )


class ProgressRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    indicator = serializers.CharField()
    indicator_code = serializers.CharField()
    org_unit = serializers.CharField()
    comparator = serializers.CharField()
    target_value = serializers.CharField()
    unit = serializers.CharField()
    deadline = serializers.DateField()
    latest_value = serializers.CharField(allow_null=True)
    latest_period = serializers.CharField(allow_null=True)
    progress = serializers.CharField(allow_null=True)
    years_left = serializers.CharField(allow_null=True)
    required_growth = serializers.CharField(allow_null=True)
    trend_growth = serializers.CharField(allow_null=True)
    projected_value = serializers.CharField(allow_null=True)
    status = serializers.CharField()


class ProgressViewSet(viewsets.ViewSet):
    """One row per target the caller may see, computed on ?as_of=YYYY-MM-DD (default today).
    Ratios are fractions (0.7325 = 73.25%), values in the indicator's unit."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("as_of", str, description="YYYY-MM-DD")],
        responses=ProgressRowSerializer(many=True),
    )
    def list(self, request):
        user = request.user
        if not user.has_perm("targets.view_target"):
            raise exceptions.PermissionDenied()
        text = request.query_params.get("as_of")
        try:
            as_of = dt.date.fromisoformat(text) if text else timezone.localdate()
        except ValueError:
            raise exceptions.ValidationError(
                {"as_of": ["Expected a date as YYYY-MM-DD."]}
            ) from None
        rows = progress_rows(
            Target.objects.restrict(user), Observation.objects.restrict(user), as_of
        )
        return Response({"as_of": as_of, "results": [as_json(r) for r in rows]})
