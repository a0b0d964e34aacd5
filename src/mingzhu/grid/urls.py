from django.urls import path

from mingzhu.core.routing import ModelPages

from . import forms, views

app_name = "grid"
pages = ModelPages(views)

urlpatterns = [
    path("photos/<int:pk>/", views.PhotoView.as_view(), name="photo"),
    path("metrics/", views.MetricsView.as_view(), name="metrics"),
    # The installable report page: its service worker sits under /grid/ to cover the pages.
    path("sw.js", views.service_worker, name="service_worker"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("icon-<int:size>.png", views.icon, name="icon"),
    path("events/sync/", views.SyncView.as_view(), name="gridevent_sync"),
    *pages(
        "events",
        "GridEvent",
        add=views.ReportView,
        actions={"file": views.FileView, "reject": views.RejectView, "recheck": views.RecheckView},
    ),
    *pages("campaigns", "Campaign", form=forms.CampaignForm, delete=True),
    *pages("categories", "Category", form=forms.EventCategoryForm, delete=True),
]
