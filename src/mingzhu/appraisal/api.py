from rest_framework import serializers

from mingzhu.core.api import ScopedModelSerializer, ScopedViewSet
from mingzhu.core.scope import restrict
from mingzhu.projects.api import CodeChoiceField

from .models import AppraisalResult, FlagAward, ResultRow, Scheme, SchemeItem, SchemeRule


class AppraisalSchemeItemSerializer(ScopedModelSerializer):
    class Meta:
        model = SchemeItem
        fields = ["code", "name", "weight", "cap", "lower_is_better"]


class AppraisalSchemeRuleSerializer(ScopedModelSerializer):
    class Meta:
        model = SchemeRule
        fields = ["code", "name", "points"]


class AppraisalSchemeSerializer(ScopedModelSerializer):
    serializer_choice_field = CodeChoiceField
    items = AppraisalSchemeItemSerializer(many=True, read_only=True)
    rules = AppraisalSchemeRuleSerializer(many=True, read_only=True)

    class Meta:
        model = Scheme
        fields = [
            "id",
            "code",
            "version",
            "name",
            "subject",
            "method",
            "tie_break",
            "awards_flags",
            "items",
            "rules",
            "created_at",
        ]


class AppraisalRowSerializer(ScopedModelSerializer):
    serializer_choice_field = CodeChoiceField
    unit_code = serializers.CharField(source="unit.code", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = ResultRow
        fields = ["unit", "unit_code", "unit_name", "score", "rank", "items", "bonus", "flag"]


class AppraisalFlagSerializer(ScopedModelSerializer):
    serializer_choice_field = CodeChoiceField
    unit_code = serializers.CharField(source="unit.code", read_only=True)

    class Meta:
        model = FlagAward
        fields = ["unit", "unit_code", "colour", "streak", "interview", "kept_for_good"]


class AppraisalResultSerializer(ScopedModelSerializer):
    serializer_choice_field = CodeChoiceField
    quarter_label = serializers.CharField(source="label", read_only=True)
    rows = serializers.SerializerMethodField()
    flags = serializers.SerializerMethodField()

    class Meta:
        model = AppraisalResult
        fields = [
            "id",
            "quarter_label",
            "year",
            "quarter",
            "scheme",
            "scheme_code",
            "status",
            "computed_at",
            "published_at",
            "published_by",
            "rows",
            "flags",
            "is_illustrative",
        ]

    def get_rows(self, obj) -> list[dict]:
        user = self.context["request"].user
        rows = restrict(obj.rows.all(), user, "view").select_related("unit").order_by("rank")
        return AppraisalRowSerializer(rows, many=True).data

    def get_flags(self, obj) -> list[dict]:
        user = self.context["request"].user
        flags = restrict(obj.flags.all(), user, "view").select_related("unit")
        return AppraisalFlagSerializer(flags, many=True).data


class ResultViewSet(ScopedViewSet):
    """Quarterly results the caller may read (published ones, and drafts for the
    supervision office), with their rows and flags. Read only: computing and publishing
    are done on the pages or by `mingzhu appraise`."""

    model = AppraisalResult
    serializer_class = AppraisalResultSerializer
    http_method_names = ["get", "head", "options"]
    select = ("scheme",)
    ordering = ("-year", "-quarter", "pk")


class SchemeViewSet(ScopedViewSet):
    """Every version of every scheme (read only; edited on the scheme page)."""

    model = Scheme
    serializer_class = AppraisalSchemeSerializer
    http_method_names = ["get", "head", "options"]
    prefetch = ("items", "rules")
    ordering = ("code", "-version")


def register(router) -> None:
    """Register this app's viewsets on the /api/v1/ router."""
    router.register("appraisal/results", ResultViewSet, basename="appraisalresult")
    router.register("appraisal/schemes", SchemeViewSet, basename="scheme")
