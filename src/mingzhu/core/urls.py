from django.urls import path

from . import views, widgets

app_name = "core"

urlpatterns = [
    path("changelog/", views.ChangeLogView.as_view(), name="changelog"),
    path("choices/<str:form>/<str:field>/", widgets.choices, name="choices"),
    path("imports/<int:pk>/", views.ImportJobView.as_view(), name="import_job"),
    path(
        "imports/<int:pk>/confirm/",
        views.ImportJobConfirmView.as_view(),
        name="import_job_confirm",
    ),
]
