from django.urls import path

from . import views, widgets

app_name = "core"

urlpatterns = [
    path("changelog/", views.ChangeLogView.as_view(), name="changelog"),
    path("choices/<str:form>/<str:field>/", widgets.choices, name="choices"),
]
