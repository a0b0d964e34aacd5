from django.urls import path

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
    path("online/", views.OnlineUserListView.as_view(), name="online_users"),
    path("logins/", views.LoginLogView.as_view(), name="login_log"),
    path("logins/<int:pk>/unlock/", views.UnlockView.as_view(), name="login_unlock"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    *pages("aliases", "UnitAlias", form=forms.UnitAliasForm, delete=True),
]
