from django.urls import path

from mingzhu.core.routing import object_urls

from . import forms, views

app_name = "targets"

urlpatterns = [
    path("", views.TargetListView.as_view(), name="target_list"),
    path("<int:pk>/", views.TargetDetailView.as_view(), name="target_detail"),
    path("<int:pk>/history/", views.TargetHistoryView.as_view(), name="target_history"),
    path("peers/", views.PeerView.as_view(), name="peers"),
    path("observations/import/", views.ObservationImportView.as_view(), name="observation_import"),
    *object_urls(
        "indicators",
        "indicator",
        list_view=views.IndicatorListView,
        detail=views.IndicatorDetailView,
        form=forms.IndicatorForm,
    ),
    *object_urls(
        "observations",
        "observation",
        list_view=views.ObservationListView,
        detail=views.ObservationDetailView,
        edit=views.ObservationEditView,
    ),
]
