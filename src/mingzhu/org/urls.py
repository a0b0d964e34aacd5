from mingzhu.core.routing import object_urls

from . import forms, views

app_name = "org"

urlpatterns = [
    *object_urls(
        "units",
        "orgunit",
        list_view=views.OrgUnitListView,
        detail=views.OrgUnitDetailView,
        form=forms.OrgUnitForm,
        delete=True,
    ),
    *object_urls(
        "users",
        "user",
        list_view=views.UserListView,
        detail=views.UserDetailView,
        form=forms.UserForm,
        delete=True,
    ),
]
