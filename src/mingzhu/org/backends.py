from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission


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

    def get_user(self, user_id):
        user = super().get_user(user_id)
        if user is not None and user.is_demo and not settings.ALLOW_DEMO_USERS:
            return None
        return user
