from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError


class RoleBackend(ModelBackend):
    """Password login plus permissions from the user's roles.

    Demo users (with the documented demo password) are refused unless the server runs
    in demo mode.
    """

    def user_can_authenticate(self, user) -> bool:
        if getattr(user, "is_demo", False) and not settings.ALLOW_DEMO_USERS:
            return False
        return super().user_can_authenticate(user)

    def _get_group_permissions(self, user_obj):
        return Permission.objects.filter(mingzhu_roles__users=user_obj)

    @staticmethod
    def _kept(user_obj, obj) -> bool:
        """Whether the permissions come from ``core.scope.access`` (Django's own reading
        for the anonymous, the inactive, superusers and object permissions)."""
        return (
            user_obj.is_active
            and not user_obj.is_anonymous
            and obj is None
            and not user_obj.is_superuser
        )

    def get_group_permissions(self, user_obj, obj=None):
        """The roles' permissions, from the query that also reads the roles' data
        scopes (every request needs both), kept by the process (``core.scope.access``)."""
        if not self._kept(user_obj, obj):
            return super().get_group_permissions(user_obj, obj)
        if not hasattr(user_obj, "_group_perm_cache"):
            from mingzhu.core.scope import role_permissions

            user_obj._group_perm_cache = role_permissions(user_obj)
        return user_obj._group_perm_cache

    def get_user_permissions(self, user_obj, obj=None):
        """The user's own permissions, kept with the roles' (``core.scope.access``)."""
        if not self._kept(user_obj, obj):
            return super().get_user_permissions(user_obj, obj)
        if not hasattr(user_obj, "_user_perm_cache"):
            from mingzhu.core.scope import access

            user_obj._user_perm_cache = set(access(user_obj).user_permissions)
        return user_obj._user_perm_cache

    def get_user(self, user_id):
        """The signed-in user of each request (as Django's ``get_user``), read by a query
        compiled once per process (``core.prepared.fetch_rows``)."""
        from django.contrib.auth import get_user_model

        from mingzhu.core.prepared import fetch_rows

        model = get_user_model()
        try:
            key = model._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        if not isinstance(key, int) or isinstance(key, bool):
            user = super().get_user(user_id)
        else:
            manager = model._default_manager
            rows = fetch_rows(model, ("signed-in user",), lambda k: manager.filter(pk=k), key)
            user = rows[0] if len(rows) == 1 else None
            if user is not None and not self.user_can_authenticate(user):
                user = None
        if user is not None and user.is_demo and not settings.ALLOW_DEMO_USERS:
            return None
        return user
