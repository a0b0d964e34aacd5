from django.urls import path

from mingzhu.core.routing import object_urls

from . import forms as f
from . import views as v

app_name = "civility"

urlpatterns = [
    path("applications/add/", v.SubmitView.as_view(), name="application_add"),
    path("applications/<int:pk>/review/", v.ReviewView.as_view(), name="application_review"),
    path("applications/<int:pk>/publish/", v.PublishView.as_view(), name="application_publish"),
    path(
        "applications/<int:pk>/objection/", v.ObjectionView.as_view(), name="application_objection"
    ),
    path(
        "applications/<int:pk>/objections/<int:objection>/resolve/",
        v.ResolveView.as_view(),
        name="application_resolve",
    ),
    path("applications/<int:pk>/award/", v.AwardView.as_view(), name="application_award"),
    path("applications/<int:pk>/refuse/", v.RefuseView.as_view(), name="application_refuse"),
    path(
        "activities/<int:pk>/volunteers/add/",
        v.ParticipationAddView.as_view(),
        name="participation_add",
    ),
    path("hours/", v.HoursView.as_view(), name="hours"),
    path("calendar/", v.CalendarView.as_view(), name="calendar"),
    path("campaign/", v.CampaignView.as_view(), name="campaign"),
    *object_urls(
        "applications",
        "application",
        list_view=v.ApplicationListView,
        detail=v.ApplicationDetailView,
    ),
    *object_urls(
        "categories",
        "category",
        list_view=v.CategoryListView,
        detail=v.CategoryDetailView,
        form=f.CategoryForm,
        delete=True,
    ),
    *object_urls(
        "activities",
        "volunteeractivity",
        list_view=v.ActivityListView,
        detail=v.ActivityDetailView,
        form=f.VolunteerActivityForm,
        delete=True,
    ),
    *object_urls(
        "participations",
        "participation",
        list_view=v.ParticipationListView,
        detail=v.ParticipationDetailView,
        delete=True,
    ),
]
