from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("changelog/", views.ChangeLogView.as_view(), name="changelog"),
]
