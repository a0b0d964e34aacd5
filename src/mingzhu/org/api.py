from rest_framework import serializers, viewsets

from mingzhu.core.api import ScopedModelSerializer, ScopedViewSet, shown_fields

from .filters import OrgUnitFilter, UserFilter
from .forms import OrgUnitForm
from .models import OrgUnit, User


class OrgUnitSerializer(ScopedModelSerializer):
    parent = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = OrgUnit
        fields = shown_fields(OrgUnitForm.Meta.fields, after={"parent": ("depth",)})
        read_only_fields = ["depth"]

    def validate(self, attrs):
        instance = OrgUnit(**{**self._current(), **attrs})
        instance.pk = self.instance.pk if self.instance else None
        if self.instance is not None:
            instance.path = self.instance.path
        instance.clean()
        return attrs

    def _current(self):
        if self.instance is None:
            return {}
        return {f: getattr(self.instance, f) for f in ("name", "kind", "code", "parent")}


class OrgUnitViewSet(ScopedViewSet):
    """Units of the org tree the caller may see (404 for the others)."""

    model = OrgUnit
    serializer_class = OrgUnitSerializer
    filterset_class = OrgUnitFilter
    ordering = ("path",)


class UserSerializer(ScopedModelSerializer):
    roles = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True, default=None)

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "display_name",
            "unit",
            "unit_name",
            "title",
            "roles",
            "is_active",
        ]


class UserViewSet(viewsets.ReadOnlyModelViewSet):
    """Users of the units the caller may see."""

    queryset = User.objects.all()
    serializer_class = UserSerializer
    filterset_class = UserFilter

    def get_queryset(self):
        return (
            User.objects.restrict(self.request.user, "view")
            .select_related("unit")
            .prefetch_related("roles")
            .order_by("username")
        )
