from django.urls import path

from mingzhu.core.routing import ModelPages

from . import views

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
    *pages("campaigns", "Campaign"),
    *pages("categories", "Category"),
]
