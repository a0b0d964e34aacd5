"""/api/v1/civility/...: list and detail of every civility model (read through
``restrict``); POST to applications submits one, and each step of its way is a POST to
/applications/{id}/review|publish|objection|award|refuse/ or /objections/{id}/resolve/."""

from rest_framework import serializers

from mingzhu.core.api import (
    ReadViewSet,
    ScopedModelSerializer,
    ScopedViewSet,
    filterset_for,
    object_action,
    read_viewset,
    register_viewsets,
    shown_fields,
)

from . import actions, models
from .filters import ActivityFilter, ApplicationFilter
from .forms import CategoryForm, VolunteerActivityForm


class CreationCategorySerializer(ScopedModelSerializer):
    class Meta:
        model = models.Category
        fields = shown_fields(CategoryForm.Meta.fields)


class CreationApplicationSerializer(ScopedModelSerializer):
    category = serializers.PrimaryKeyRelatedField(queryset=models.Category.objects.all())

    class Meta:
        model = models.Application
        # The decision's course is the actions': status and dates are read only.
        read_only_fields = [
            *("status", "submitted_on", "notice_start", "notice_end", "decided_on"),
            "is_illustrative",
        ]
        fields = ["id", "category", "year", "applicant", "unit", "description", *read_only_fields]
        # Duplicates are refused by the action, naming the applicant.
        validators = []

    def create(self, validated_data):
        return actions.submit_application(actor=self.context["request"].user, **validated_data)


class ApplicationEventSerializer(ScopedModelSerializer):
    class Meta:
        model = models.ApplicationEvent
        fields = [
            "id",
            "application",
            "actor",
            "at",
            "on",
            "action",
            "from_status",
            "to_status",
            "comment",
        ]


class NoticeObjectionSerializer(ScopedModelSerializer):
    class Meta:
        model = models.Objection
        fields = [
            "id",
            "application",
            "received_on",
            "content",
            "outcome",
            "resolution",
            "resolved_on",
            "is_illustrative",
        ]


class VolunteerActivitySerializer(ScopedModelSerializer):
    class Meta:
        model = models.VolunteerActivity
        fields = shown_fields(VolunteerActivityForm.Meta.fields, end=("is_illustrative",))


class VolunteerParticipationSerializer(ScopedModelSerializer):
    class Meta:
        model = models.Participation
        fields = ["id", "activity", "volunteer", "unit", "hours"]


class ApplicationReviewBody(serializers.Serializer):
    approve = serializers.BooleanField()
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    on = serializers.DateField(required=False, default=None)


class ApplicationPublishBody(serializers.Serializer):
    start = serializers.DateField(required=False, default=None)
    days = serializers.IntegerField(required=False, min_value=1, max_value=60, default=None)


class ApplicationObjectionBody(serializers.Serializer):
    received_on = serializers.DateField()
    content = serializers.CharField()


class ObjectionResolveBody(serializers.Serializer):
    upheld = serializers.BooleanField()
    resolution = serializers.CharField()
    on = serializers.DateField(required=False, default=None)


class ApplicationAwardBody(serializers.Serializer):
    on = serializers.DateField(required=False, default=None)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ApplicationRefuseBody(serializers.Serializer):
    reason = serializers.CharField()
    on = serializers.DateField(required=False, default=None)


CategoryViewSet = read_viewset(models.Category, CreationCategorySerializer, ["kind"])


class ApplicationViewSet(ScopedViewSet):
    """Applications; POST submits one (the civilisation office then takes each step)."""

    model = models.Application
    filterset_class = ApplicationFilter
    serializer_class = CreationApplicationSerializer
    http_method_names = ["get", "head", "options", "post"]
    select = ("category",)

    review = object_action(actions.review_application, ApplicationReviewBody)
    publish = object_action(actions.publish_notice, ApplicationPublishBody)
    objection = object_action(actions.record_objection, ApplicationObjectionBody)
    award = object_action(actions.award, ApplicationAwardBody)
    refuse = object_action(actions.refuse, ApplicationRefuseBody)

    def perform_create(self, serializer):
        serializer.save()


EventViewSet = read_viewset(
    models.ApplicationEvent, ApplicationEventSerializer, ["application", "action"]
)


class ObjectionViewSet(ReadViewSet):
    """Objections; POST /{id}/resolve/ records what checking found."""

    model = models.Objection
    filterset_class = filterset_for(models.Objection, ["application"])
    serializer_class = NoticeObjectionSerializer

    resolve = object_action(actions.resolve_objection, ObjectionResolveBody)


ActivityViewSet = read_viewset(
    models.VolunteerActivity, VolunteerActivitySerializer, filterset_class=ActivityFilter
)
ParticipationViewSet = read_viewset(
    models.Participation, VolunteerParticipationSerializer, ["activity"]
)


VIEWSETS = [
    ("categories", CategoryViewSet),
    ("applications", ApplicationViewSet),
    ("application-events", EventViewSet),
    ("objections", ObjectionViewSet),
    ("activities", ActivityViewSet),
    ("participations", ParticipationViewSet),
]


def register(router) -> None:
    """Register this app's viewsets on the /api/v1/ router."""
    register_viewsets(router, "civility", VIEWSETS)
