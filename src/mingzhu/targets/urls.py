from django.urls import path

from mingzhu.core.routing import ModelPages

from . import forms, views

app_name = "targets"
pages = ModelPages(views)

urlpatterns = [
    path("peers/", views.PeerView.as_view(), name="peers"),
    *pages("", "Target"),
    *pages("indicators", "Indicator", form=forms.IndicatorForm),
    *pages(
        "observations",
        "Observation",
        collection={
            "import": views.ObservationImportView,
            "template": views.ObservationTemplateView,
        },
    ),
]
