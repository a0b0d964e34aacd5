from django.urls import path

from mingzhu.core.routing import ModelPages

from . import forms as f
from . import views as v

app_name = "civility"
pages = ModelPages(v)

urlpatterns = [
    path(
        "applications/<int:pk>/objections/<int:objection>/resolve/",
        v.ResolveView.as_view(),
        name="application_resolve",
    ),
    path(
        "activities/<int:pk>/volunteers/add/",
        v.ParticipationAddView.as_view(),
        name="participation_add",
    ),
    path("hours/", v.HoursView.as_view(), name="hours"),
    path("calendar/", v.CalendarView.as_view(), name="calendar"),
    path("campaign/", v.CampaignView.as_view(), name="campaign"),
    *pages(
        "applications",
        "Application",
        add=v.SubmitView,
        actions={
            "review": v.ReviewView,
            "publish": v.PublishView,
            "objection": v.ObjectionView,
            "award": v.AwardView,
            "refuse": v.RefuseView,
        },
    ),
    *pages("categories", "Category", form=f.CategoryForm, delete=True),
    *pages("activities", "Activity", form=f.VolunteerActivityForm, delete=True),
    *pages("participations", "Participation", add=False, delete=True),
]
