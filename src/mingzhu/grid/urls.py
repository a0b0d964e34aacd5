from django.urls import path

from mingzhu.core.routing import object_urls

from . import forms, views

app_name = "grid"

urlpatterns = [
    path("events/add/", views.ReportView.as_view(), name="gridevent_add"),
    path("events/<int:pk>/file/", views.FileView.as_view(), name="gridevent_file"),
    path("events/<int:pk>/reject/", views.RejectView.as_view(), name="gridevent_reject"),
    path("events/<int:pk>/recheck/", views.RecheckView.as_view(), name="gridevent_recheck"),
    path("photos/<int:pk>/", views.PhotoView.as_view(), name="photo"),
    path("metrics/", views.MetricsView.as_view(), name="metrics"),
    *object_urls(
        "events",
        "gridevent",
        list_view=views.GridEventListView,
        detail=views.GridEventDetailView,
    ),
    *object_urls(
        "campaigns",
        "campaign",
        list_view=views.CampaignListView,
        detail=views.CampaignDetailView,
        form=forms.CampaignForm,
        delete=True,
    ),
    *object_urls(
        "categories",
        "eventcategory",
        list_view=views.CategoryListView,
        detail=views.CategoryDetailView,
        form=forms.EventCategoryForm,
        delete=True,
    ),
]
