from mingzhu.core.routing import ModelPages

from . import views

app_name = "org"
pages = ModelPages(views)

urlpatterns = [
    *pages("units", "OrgUnit"),
    *pages("users", "User"),
]
