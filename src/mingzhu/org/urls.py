from mingzhu.core.routing import object_urls

from . import views

app_name = "org"

urlpatterns = [
    *object_urls(
        "units",
        "orgunit",
        list_view=views.OrgUnitListView,
        detail=views.OrgUnitDetailView,
        history=views.OrgUnitHistoryView,
        edit=views.OrgUnitEditView,
        delete=views.OrgUnitDeleteView,
    ),
    *object_urls(
        "users",
        "user",
        list_view=views.UserListView,
        detail=views.UserDetailView,
        history=views.UserHistoryView,
        edit=views.UserEditView,
        delete=views.UserDeleteView,
    ),
]
