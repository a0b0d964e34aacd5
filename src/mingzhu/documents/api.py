from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, viewsets
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from mingzhu.core.actions import ActionError
from mingzhu.core.api import ReadViewSet, ScopedModelSerializer, ScopedSerializer, object_action
from mingzhu.core.schema import report, rows
from mingzhu.tasks.choices import ListKind
from mingzhu.tasks.models import TaskList

from . import actions
from .decompose import DecompositionError, as_json, decompose
from .forms import MAX_UPLOAD
from .models import DocumentItem, DocumentTarget, PolicyDocument


class DecomposeRequest(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    file = serializers.FileField(required=False)

    def validate(self, data):
        upload = data.get("file")
        if upload is None and not (data.get("text") or "").strip():
            raise serializers.ValidationError({"text": "Send the text or a file."})
        if upload is not None and upload.size > MAX_UPLOAD:
            raise serializers.ValidationError({"file": "The file is larger than 5 MB."})
        return data


class DecomposeViewSet(viewsets.ViewSet):
    """POST text (JSON or form) or a file (multipart): the decomposition as JSON, with
    nothing stored."""

    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        request=DecomposeRequest,
        responses=report(
            "Decomposition",
            title=serializers.CharField(),
            author=serializers.CharField(allow_blank=True),
            sections=rows("title, items (title, text)"),
            targets=rows("indicator, comparator, value, unit, deadline"),
        ),
    )
    def create(self, request):
        if not request.user.has_perm("documents.add_policydocument"):
            raise exceptions.PermissionDenied()
        body = DecomposeRequest(data=request.data)
        body.is_valid(raise_exception=True)
        upload = body.validated_data.get("file")
        try:
            text, _encoding = actions.read(
                text=body.validated_data.get("text", ""),
                data=upload.read() if upload is not None else None,
                filename=upload.name if upload is not None else "",
            )
            result = decompose(text, actions.rules())
        except (ActionError, DecompositionError) as exc:
            raise exceptions.ValidationError({"file" if upload else "text": [str(exc)]}) from exc
        return Response(as_json(result))


class ItemSerializer(ScopedModelSerializer):
    lead_unit_name = serializers.CharField(source="lead_unit.name", default=None, read_only=True)

    class Meta:
        model = DocumentItem
        fields = [
            "id",
            "code",
            "section_title",
            "title",
            "text",
            "start",
            "end",
            "rule",
            "keyword",
            "suggested_unit",
            "named_units",
            "unmatched_units",
            "lead_unit",
            "lead_unit_name",
            "co_units",
            "leader",
            "deadline",
            "deadline_rule",
            "long_running",
            "task",
        ]


class TargetSerializer(ScopedModelSerializer):
    class Meta:
        model = DocumentTarget
        fields = [
            "id",
            "item",
            "indicator_name",
            "comparator",
            "value",
            "measure_unit",
            "deadline",
            "change",
            "sentence",
            "start",
            "end",
            "rule",
            "deadline_rule",
            "indicator",
            "target",
        ]


class DocumentSerializer(ScopedModelSerializer):
    items = ItemSerializer(many=True, read_only=True)
    targets = TargetSerializer(many=True, read_only=True)

    class Meta:
        model = PolicyDocument
        fields = [
            "id",
            "title",
            "author",
            "affiliation",
            "year",
            "source",
            "issuer",
            "task_list",
            "adopted_on",
            "is_illustrative",
            "items",
            "targets",
        ]


class AdoptRequest(ScopedSerializer):
    name = serializers.CharField(required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=ListKind.choices, default=ListKind.WORK_POINTS)
    into = serializers.PrimaryKeyRelatedField(
        queryset=TaskList.objects.all(), required=False, allow_null=True, default=None
    )


class DocumentViewSet(ReadViewSet):
    """Stored documents with their draft tables, in the caller's scope; POST
    /documents/{id}/adopt/ adopts one."""

    model = PolicyDocument
    serializer_class = DocumentSerializer
    prefetch = ("items__co_units", "targets")
    ordering = ("-year", "-pk")

    adopt = object_action(actions.adopt, AdoptRequest)


def register(router) -> None:
    """Register this app's viewsets on the /api/v1/ router."""
    router.register("documents/decompose", DecomposeViewSet, basename="documents-decompose")
    router.register("documents", DocumentViewSet, basename="policydocument")
