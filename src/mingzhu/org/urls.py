from mingzhu.core.routing import ModelPages

from . import forms, views

app_name = "org"
pages = ModelPages(views)

urlpatterns = [
    *pages("units", "OrgUnit", form=forms.OrgUnitForm, delete=True),
    *pages(
        "users",
        "User",
        delete=True,
        actions={
            "enable": views.UserEnableView,
            "disable": views.UserDisableView,
            "sign-out": views.UserSignOutView,
            "reset-password": views.UserResetPasswordView,
        },
    ),
    *pages("roles", "Role"),
    *pages.routes(
        {
            "online/": ("OnlineUserList", "online_users"),
            "logins/": "LoginLog",
            "logins/<int:pk>/unlock/": ("Unlock", "login_unlock"),
            "password/": "PasswordChange",
        }
    ),
    *pages("aliases", "UnitAlias", form=forms.UnitAliasForm, delete=True),
]
