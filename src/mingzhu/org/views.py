from django.utils.translation import gettext_lazy as _

from mingzhu.core.tables import Column, fields
from mingzhu.core.views import ObjectDetailView, ObjectListView

from .filters import OrgUnitFilter, UserFilter
from .models import OrgUnit, UnitAlias, User


def _roles(user):
    return "、".join(r.name for r in user.roles.all())


class OrgUnitListView(ObjectListView):
    model = OrgUnit
    select_related = ("parent",)
    filterset_class = OrgUnitFilter
    table_template = "org/_orgunit_table.html"
    columns = [
        Column("name", link=True),
        *fields("kind code parent is_illustrative"),
    ]


class OrgUnitDetailView(ObjectDetailView):
    model = OrgUnit
    select_related = ("parent",)

    def get_extra_context(self, obj):
        user = self.request.user
        return {
            "ancestors": obj.ancestors().restrict(user, "view"),
            "children": obj.children.restrict(user, "view").order_by("sort_order", "path"),
            "members": User.objects.restrict(user, "view")
            .filter(unit=obj)
            .prefetch_related("roles")[:100],
        }


class UserListView(ObjectListView):
    model = User
    select_related = ("unit",)
    filterset_class = UserFilter

    def get_queryset(self):
        return super().get_queryset().prefetch_related("roles")

    columns = [
        Column("username", _("User name"), link=True),
        *fields("display_name unit title"),
        Column("roles", _("Roles"), accessor=_roles),
        Column("is_active"),
    ]


class OwnAccountMixin:
    """Everybody may open their own account page and its history."""

    def get_object(self, pk):
        if int(pk) == self.request.user.pk:
            return User.objects.select_related("unit").get(pk=pk)
        return super().get_object(pk)


class UserDetailView(OwnAccountMixin, ObjectDetailView):
    model = User
    select_related = ("unit",)

    def get_extra_context(self, obj):
        return {"roles": obj.roles.all(), "custom_units": obj.custom_units.all()}


class UnitAliasListView(ObjectListView):
    """Other names of units the imports and document decomposition accept (组织机构 ›
    单位别名); the administrator keeps them."""

    model = UnitAlias
    select_related = ("unit",)
    columns = [Column("name", link=True), *fields("unit")]


class UnitAliasDetailView(ObjectDetailView):
    model = UnitAlias
    select_related = ("unit",)
