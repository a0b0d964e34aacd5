from django.urls import path

from mingzhu.core.routing import object_urls

from . import forms as f
from . import views as v

app_name = "party"

urlpatterns = [
    path("", v.OverviewView.as_view(), name="overview"),
    path("project-branches/", v.ProjectBranchesView.as_view(), name="project_branches"),
    path("training/summary/", v.TrainingSummaryView.as_view(), name="training_summary"),
    path("households/<int:pk>/link/", v.LinkHouseholdView.as_view(), name="household_link"),
    path("households/<int:pk>/visit/", v.LogVisitView.as_view(), name="household_visit"),
    path("links/<int:pk>/end/", v.EndLinkView.as_view(), name="householdlink_end"),
    path("visits/<int:pk>/raise-task/", v.RaiseTaskView.as_view(), name="householdvisit_task"),
    path("sessions/<int:pk>/attendance/", v.AttendanceView.as_view(), name="session_attendance"),
    *object_urls(
        "organisations",
        "partyorganisation",
        list_view=v.OrganisationListView,
        detail=v.OrganisationDetailView,
        form=f.PartyOrganisationForm,
        delete=True,
    ),
    *object_urls(
        "groups",
        "partygroup",
        list_view=v.GroupListView,
        detail=v.GroupDetailView,
        form=f.PartyGroupForm,
        delete=True,
    ),
    *object_urls(
        "members",
        "partymember",
        list_view=v.MemberListView,
        detail=v.MemberDetailView,
        form=f.PartyMemberForm,
        delete=True,
    ),
    *object_urls(
        "households",
        "household",
        list_view=v.HouseholdListView,
        detail=v.HouseholdDetailView,
        form=f.HouseholdForm,
        delete=True,
    ),
    *object_urls(
        "links",
        "householdlink",
        list_view=v.LinkListView,
        detail=v.LinkDetailView,
    ),
    *object_urls(
        "visits",
        "householdvisit",
        list_view=v.VisitListView,
        detail=v.VisitDetailView,
    ),
    *object_urls(
        "activities",
        "partygroupactivity",
        list_view=v.ActivityListView,
        detail=v.ActivityDetailView,
        form=f.PartyGroupActivityForm,
        delete=True,
    ),
    *object_urls(
        "courses",
        "trainingcourse",
        list_view=v.CourseListView,
        detail=v.CourseDetailView,
        form=f.TrainingCourseForm,
        delete=True,
    ),
    *object_urls(
        "sessions",
        "trainingsession",
        list_view=v.SessionListView,
        detail=v.SessionDetailView,
        form=f.TrainingSessionForm,
        delete=True,
    ),
    *object_urls(
        "attendance",
        "trainingattendance",
        list_view=v.AttendanceListView,
        detail=v.AttendanceDetailView,
    ),
]
