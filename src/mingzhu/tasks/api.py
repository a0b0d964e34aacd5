from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from mingzhu.core.api import ScopedModelSerializer, ScopedViewSet, object_action, requested_period
from mingzhu.core.schema import PERIOD_PARAMETERS, period_report, rows
from mingzhu.core.schema import report as typed_report
from mingzhu.core.scope import restrict
from mingzhu.org.models import OrgUnit, User

from . import actions
from .filters import TaskFilter
from .metrics import named_metrics
from .models import Notification, Task, TaskList
from .paging import KeysetPagination


class TaskFields(serializers.Serializer):
    """Read-only fields of a row that is handled as a task: its own ``status`` and, from
    its task, ``task_code``, ``task_status``, ``lead_unit`` and ``deadline`` (``None``
    before the task exists). Mixed into a model serializer, which shows those its
    ``Meta.fields`` names; another name for one: ``SerializerMethodField(method_name=
    "get_deadline")``."""

    status = serializers.SerializerMethodField()
    task_code = serializers.SerializerMethodField()
    task_status = serializers.SerializerMethodField()
    lead_unit = serializers.SerializerMethodField()
    deadline = serializers.SerializerMethodField()

    def get_status(self, obj) -> str:
        return obj.status

    def get_task_code(self, obj) -> str | None:
        return obj.task.code if obj.task_id else None

    def get_task_status(self, obj) -> str | None:
        return obj.task.status if obj.task_id else None

    def get_lead_unit(self, obj) -> int | None:
        return obj.task.lead_unit_id if obj.task_id else None

    def get_deadline(self, obj) -> str | None:
        return obj.task.deadline.isoformat() if obj.task_id else None


class TaskSerializer(ScopedModelSerializer):
    list = serializers.PrimaryKeyRelatedField(
        source="task_list", queryset=TaskList.objects.all(), allow_null=True, required=False
    )
    lead_unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    co_units = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.all(), many=True, required=False
    )
    leader = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.all(), allow_null=True, required=False
    )
    lead_unit_name = serializers.CharField(source="lead_unit.name", read_only=True)
    light = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = [
            "id",
            "code",
            "title",
            "content",
            "list",
            "status",
            "light",
            "deadline",
            "due_at",
            "original_deadline",
            "requested_deadline",
            "deadline_basis",
            "urgency",
            "lead_unit",
            "lead_unit_name",
            "co_units",
            "issuer",
            "leader",
            "assignee",
            "progress",
            "rework_count",
            "result",
        ]
        read_only_fields = [
            "code",
            "due_at",
            "status",
            "original_deadline",
            "requested_deadline",
            "issuer",
            "assignee",
            "progress",
            "rework_count",
            "result",
        ]

    def get_fields(self):
        fields = super().get_fields()  # relations limited to the caller's scope
        if not self.only_shown():  # a list shown in JSON never reads the choices
            fields["leader"].queryset = fields["leader"].queryset.filter(roles__code="leader")
        return fields

    def validate_deadline(self, deadline):
        if self.instance is None:
            problem = actions.deadline_before_creation(deadline, timezone.localdate())
            if problem:
                raise serializers.ValidationError(problem)
        return deadline

    def get_light(self, obj) -> str | None:
        return obj.light_on(self.context.get("as_of") or timezone.localdate())

    def create(self, validated_data):
        co_units = validated_data.pop("co_units", [])
        return actions.create_task(
            actor=self.context["request"].user, co_units=co_units, **validated_data
        )


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ReportSerializer(CommentSerializer):
    progress = serializers.IntegerField(min_value=0, max_value=100)


class ClosureSerializer(CommentSerializer):
    result = serializers.CharField(required=False, allow_blank=True, default="")
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class ExtensionSerializer(CommentSerializer):
    new_deadline = serializers.DateField()


class NotificationSerializer(ScopedModelSerializer):
    task_code = serializers.CharField(source="task.code", read_only=True, allow_null=True)
    task_title = serializers.CharField(source="task.title", read_only=True, allow_null=True)
    action = serializers.CharField(source="event.action", read_only=True, allow_null=True)
    action_display = serializers.CharField(
        source="event.get_action_display", read_only=True, allow_null=True
    )
    actor = serializers.StringRelatedField(source="event.actor", read_only=True, allow_null=True)
    at = serializers.DateTimeField(source="event.at", read_only=True, allow_null=True)
    comment = serializers.CharField(source="event.comment", read_only=True, allow_null=True)
    link = serializers.CharField(source="get_link", read_only=True)

    class Meta:
        model = Notification
        fields = [
            "id",
            "kind",
            "text",
            "link",
            "task",
            "task_code",
            "task_title",
            "action",
            "action_display",
            "actor",
            "at",
            "comment",
            "read_at",
        ]


class ReadSerializer(serializers.Serializer):
    ids = serializers.ListField(child=serializers.IntegerField(min_value=1), required=False)


class TaskViewSet(ScopedViewSet):
    """Tasks in the caller's scope; transitions by POST to /tasks/{id}/<action>/."""

    model = Task
    serializer_class = TaskSerializer
    filterset_class = TaskFilter
    ordering_fields = ["id", "code", "title", "deadline", "urgency", "status", "progress"]
    http_method_names = ["get", "post", "head", "options"]
    select = ("lead_unit",)
    prefetch = ("co_units",)
    ordering = ("deadline", "code")
    pagination_class = KeysetPagination

    assign = object_action(actions.assign, CommentSerializer)
    accept = object_action(actions.accept, CommentSerializer)
    report = object_action(actions.report_progress, ReportSerializer)
    request_closure = object_action(actions.request_closure, ClosureSerializer)
    verify = object_action(actions.verify, CommentSerializer)
    return_for_rework = object_action(
        actions.return_for_rework, CommentSerializer, url_path="return", url_name="return"
    )
    request_extension = object_action(actions.request_extension, ExtensionSerializer)
    approve_extension = object_action(actions.approve_extension, CommentSerializer)
    cancel = object_action(actions.cancel, CommentSerializer)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "as_of": timezone.localdate()}

    @extend_schema(
        parameters=PERIOD_PARAMETERS,
        responses=period_report("TaskMetrics", units=rows("One row per unit: counts and rates.")),
    )
    @action(detail=False, methods=["get"])
    def metrics(self, request):
        """Unit metrics for ?from=YYYY-MM-DD&to=YYYY-MM-DD (default: this year so far)."""
        start, end = requested_period(request)
        tasks = restrict(Task.objects.all(), request.user, "view")
        rows = named_metrics(tasks, start, end)
        return Response({"from": start, "to": end, "units": rows})

    @extend_schema(
        responses=NotificationSerializer(many=True),
        filters=False,
        parameters=[OpenApiParameter("unread", bool, description="1: the unread only")],
    )
    @action(detail=False, methods=["get"], permission_classes=[IsAuthenticated])
    def notifications(self, request):
        """The caller's own notifications, newest first (?unread=1 for the unread only)."""
        mine = Notification.objects.for_user(request.user).select_related(
            "task", "event", "event__actor"
        )
        if request.query_params.get("unread") in ("1", "true"):
            mine = mine.filter(read_at__isnull=True)
        page = self.paginate_queryset(mine)
        return self.get_paginated_response(NotificationSerializer(page, many=True).data)

    @extend_schema(
        request=ReadSerializer,
        responses=typed_report("NotificationsRead", read=serializers.IntegerField()),
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="notifications/read",
        permission_classes=[IsAuthenticated],
    )
    def read_notifications(self, request):
        """Mark the caller's notifications read: the ids given, or all of them."""
        body = ReadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        mine = Notification.objects.for_user(request.user).filter(read_at__isnull=True)
        if body.validated_data.get("ids"):
            mine = mine.filter(pk__in=body.validated_data["ids"])
        return Response({"read": mine.update(read_at=timezone.now())})
