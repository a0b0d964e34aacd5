from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from mingzhu.core.actions import ActionError
from mingzhu.core.scope import restrict
from mingzhu.core.tables import Column, fields
from mingzhu.core.views import (
    ActionButtonView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ObjectMixin,
    Related,
    paged,
    style_form,
)

from . import actions
from .choices import RoleCode
from .filters import LoginLogFilterForm, OrgUnitFilter, UserFilter, current_lockouts, login_entries
from .forms import RoleForm, UserForm, permission_groups
from .models import OrgUnit, Role, UnitAlias, User
from .sessions import live_sessions


def _roles(user):
    return "、".join(r.name for r in user.roles.all())


class OrgUnitListView(ObjectListView):
    model = OrgUnit
    filterset_class = OrgUnitFilter
    table_template = "org/_orgunit_table.html"
    columns = fields("name kind code parent is_illustrative")


class OrgUnitDetailView(ObjectDetailView):
    model = OrgUnit
    select_related = ("parent",)
    fields = ("kind", "code", "short_name", "parent", "is_active", "source")
    related = {"children": Related("children", order=("sort_order", "path"))}

    def get_extra_context(self, obj):
        user = self.request.user
        return {
            "ancestors": obj.ancestors().restrict(user, "view"),
            "members": User.objects.restrict(user, "view")
            .filter(unit=obj)
            .prefetch_related("roles")[:100],
        }


class UserListView(ObjectListView):
    model = User
    filterset_class = UserFilter

    def get_queryset(self):
        return super().get_queryset().prefetch_related("roles")

    columns = [
        Column("username", gettext_lazy("User name"), link=True),
        *fields("display_name unit title"),
        Column("roles", gettext_lazy("Roles"), accessor=_roles),
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
        can_sign_out = self.request.user.has_perm("org.delete_usersession")
        return {
            "roles": obj.roles.all(),
            "custom_units": obj.custom_units.all(),
            "can_sign_out": can_sign_out,
            "sessions": live_sessions().filter(user=obj) if can_sign_out else [],
        }


class UserEditView(ObjectEditView):
    """The account form: unit, post, roles (ticked) and the units of a custom data scope
    (a tree of the city's units)."""

    model = User
    form_class = UserForm
    template_name = "org/user_edit.html"


class UserActionView(ActionButtonView):
    """A button on a user's page: changing accounts needs ``org.change_user`` over the
    account (its unit in the actor's scope)."""

    model = User
    scope_action = "change"

    def success_url(self, obj):
        return _back(self.request, obj.get_absolute_url())


def _back(request, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return default


class UserEnableView(UserActionView):
    success_message = gettext_lazy("Enabled: %(object)s can sign in again.")

    def run(self, obj):
        return actions.set_active(obj, actor=self.request.user, active=True)


class UserDisableView(UserActionView):
    success_message = gettext_lazy("Disabled: %(object)s cannot sign in, and was signed out.")

    def run(self, obj):
        return actions.set_active(obj, actor=self.request.user, active=False)


class UserSignOutView(UserActionView):
    scope_action = "view"

    def run(self, obj):
        return actions.force_sign_out(obj, actor=self.request.user)

    def get_success_message(self, result):
        return _("Signed out: %(count)s sessions ended.") % {"count": result}


class UserResetPasswordView(ObjectMixin, View):
    """Reset a password: a confirmation, then the one-time password, shown on this page
    once (never stored in a message or a log) for the administrator to hand over."""

    model = User

    def get_object(self, pk):
        return get_object_or_404(self.restricted("change").select_related("unit"), pk=pk)

    def get(self, request, pk):
        obj = self.get_object(pk)
        return render(
            request, "org/user_reset_password.html", {**self.meta_context(), "object": obj}
        )

    def post(self, request, pk):
        obj = self.get_object(pk)
        try:
            password = actions.reset_password(obj, actor=request.user)
        except ActionError as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect(obj.get_absolute_url())
        response = render(
            request,
            "org/user_reset_password.html",
            {**self.meta_context(), "object": obj, "password": password},
        )
        response["Cache-Control"] = "no-store"
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    """Everybody's own password; after an administrator's reset, the first page."""

    template_name = "org/password_change.html"
    success_url = reverse_lazy("home")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        style_form(form)
        return form

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.user
        if user.must_change_password:
            user.must_change_password = False
            user.save(update_fields=["must_change_password"])
        messages.success(self.request, _("Your password has been changed."))
        return response


# -- roles ----------------------------------------------------------------------------


class RolePermissionMixin:
    """Roles are reference data every signed-in user's scope reads, but their pages are
    the administrator's: each needs the role permission of its action."""

    role_action = "view"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not user.has_perm(f"org.{self.role_action}_role"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class RoleListView(RolePermissionMixin, ObjectListView):
    model = Role
    ordering = ("pk",)
    columns = [
        *fields("name code data_scope"),
        Column("holders", gettext_lazy("Holders"), computed=Count("users")),
        Column(
            "builtin",
            gettext_lazy("Defined by the platform"),
            accessor=lambda r: r.code in RoleCode.values,
        ),
    ]


class RoleDetailView(RolePermissionMixin, ObjectDetailView):
    model = Role

    def get_extra_context(self, obj):
        chosen = set(obj.permissions.values_list("pk", flat=True))
        granted = Permission.objects.filter(pk__in=chosen).select_related("content_type")
        granted = granted.order_by("content_type__app_label", "content_type__model", "pk")
        return {
            "groups": permission_groups(granted, chosen),
            "holders": obj.users.select_related("unit").order_by("username")[:200],
            "holder_count": obj.users.count(),
            "builtin": obj.code in RoleCode.values,
        }


class RoleHistoryView(RolePermissionMixin, ObjectDetailView.as_history()):
    model = Role


class RoleEditView(RolePermissionMixin, ObjectEditView):
    model = Role
    form_class = RoleForm
    template_name = "org/role_edit.html"

    @property
    def role_action(self):
        return "change" if self.kwargs.get("pk") else "add"


class RoleDeleteView(RolePermissionMixin, ObjectDeleteView):
    model = Role
    role_action = "delete"

    def delete_object(self, role):
        actions.delete_role(role, actor=self.request.user)


# -- online users and the login log ---------------------------------------------------


class OnlineUserListView(LoginRequiredMixin, View):
    """Who is signed in now: unexpired sessions, newest activity first."""

    def get(self, request):
        if not request.user.has_perm("org.view_usersession"):
            raise PermissionDenied
        rows = restrict(live_sessions(), request.user, "view").select_related("user", "user__unit")
        context = {
            **paged(request, rows.order_by("-last_seen")),
            "can_sign_out": request.user.has_perm("org.delete_usersession"),
        }
        return render(request, "org/online_users.html", context)


class LoginLogView(LoginRequiredMixin, View):
    """Sign-ins that succeeded and failed (django-axes' logs) with the current lockouts."""

    def get(self, request):
        user = request.user
        if not (
            user.has_perm("axes.view_accesslog") and user.has_perm("axes.view_accessfailurelog")
        ):
            raise PermissionDenied
        form = LoginLogFilterForm(request.GET or None)
        style_form(form)
        entries = login_entries(form.cleaned_data if form.is_valid() else {})
        if form.is_bound and not form.is_valid():
            entries = []
        context = {
            **paged(request, entries),
            "form": form,
            "lockouts": current_lockouts(),
            "can_unlock": user.has_perm("axes.delete_accessattempt"),
        }
        return render(request, "org/login_log.html", context)


class UnlockView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        try:
            attempt = actions.unlock(pk, actor=request.user)
        except ActionError as exc:
            messages.warning(request, str(exc))
        else:
            messages.success(
                request,
                _("Unlocked: %(name)s may sign in again from %(address)s.")
                % {"name": attempt.username or "—", "address": attempt.ip_address or "—"},
            )
        return HttpResponseRedirect(reverse("org:login_log"))


class UnitAliasListView(ObjectListView):
    """Other names of units the imports and document decomposition accept (组织机构 ›
    单位别名); the administrator keeps them."""

    model = UnitAlias
    columns = fields("name unit")


class UnitAliasDetailView(ObjectDetailView):
    model = UnitAlias
    select_related = ("unit",)
