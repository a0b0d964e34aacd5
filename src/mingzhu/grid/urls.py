from django.urls import path

from mingzhu.core.routing import ModelPages

from . import forms, views

app_name = "grid"
pages = ModelPages(views)

urlpatterns = [
    path("photos/<int:pk>/", views.PhotoView.as_view(), name="photo"),
    path("metrics/", views.MetricsView.as_view(), name="metrics"),
    *pages(
        "events",
        "GridEvent",
        add=views.ReportView,
        actions={"file": views.FileView, "reject": views.RejectView, "recheck": views.RecheckView},
    ),
    *pages("campaigns", "Campaign", form=forms.CampaignForm, delete=True),
    *pages("categories", "Category", form=forms.EventCategoryForm, delete=True),
]
