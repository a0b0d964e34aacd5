from django.urls import path

from mingzhu.core.routing import object_urls

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
        history=v.OrganisationHistoryView,
        edit=v.OrganisationEditView,
        delete=v.OrganisationDeleteView,
    ),
    *object_urls(
        "groups",
        "partygroup",
        list_view=v.GroupListView,
        detail=v.GroupDetailView,
        history=v.GroupHistoryView,
        edit=v.GroupEditView,
        delete=v.GroupDeleteView,
    ),
    *object_urls(
        "members",
        "partymember",
        list_view=v.MemberListView,
        detail=v.MemberDetailView,
        history=v.MemberHistoryView,
        edit=v.MemberEditView,
        delete=v.MemberDeleteView,
    ),
    *object_urls(
        "households",
        "household",
        list_view=v.HouseholdListView,
        detail=v.HouseholdDetailView,
        history=v.HouseholdHistoryView,
        edit=v.HouseholdEditView,
        delete=v.HouseholdDeleteView,
    ),
    *object_urls(
        "links",
        "householdlink",
        list_view=v.LinkListView,
        detail=v.LinkDetailView,
        history=v.LinkHistoryView,
    ),
    *object_urls(
        "visits",
        "householdvisit",
        list_view=v.VisitListView,
        detail=v.VisitDetailView,
        history=v.VisitHistoryView,
    ),
    *object_urls(
        "activities",
        "partygroupactivity",
        list_view=v.ActivityListView,
        detail=v.ActivityDetailView,
        history=v.ActivityHistoryView,
        edit=v.ActivityEditView,
        delete=v.ActivityDeleteView,
    ),
    *object_urls(
        "courses",
        "trainingcourse",
        list_view=v.CourseListView,
        detail=v.CourseDetailView,
        history=v.CourseHistoryView,
        edit=v.CourseEditView,
        delete=v.CourseDeleteView,
    ),
    *object_urls(
        "sessions",
        "trainingsession",
        list_view=v.SessionListView,
        detail=v.SessionDetailView,
        history=v.SessionHistoryView,
        edit=v.SessionEditView,
        delete=v.SessionDeleteView,
    ),
    *object_urls(
        "attendance",
        "trainingattendance",
        list_view=v.AttendanceListView,
        detail=v.AttendanceDetailView,
        history=v.AttendanceHistoryView,
    ),
]
