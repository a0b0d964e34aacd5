from django.urls import path

from mingzhu.core.routing import ModelPages

from . import forms as f
from . import views as v

app_name = "party"
pages = ModelPages(v)

urlpatterns = [
    path("", v.OverviewView.as_view(), name="overview"),
    path("project-branches/", v.ProjectBranchesView.as_view(), name="project_branches"),
    path("training/summary/", v.TrainingSummaryView.as_view(), name="training_summary"),
    path("visits/<int:pk>/raise-task/", v.RaiseTaskView.as_view(), name="householdvisit_task"),
    path("sessions/<int:pk>/attendance/", v.AttendanceView.as_view(), name="session_attendance"),
    *pages("organisations", "Organisation", form=f.PartyOrganisationForm, delete=True),
    *pages("groups", "Group", form=f.PartyGroupForm, delete=True),
    *pages(
        "members",
        "Member",
        form=f.PartyMemberForm,
        delete=True,
        collection={"import": v.MemberImportView, "template": v.MemberTemplateView},
    ),
    *pages(
        "households",
        "Household",
        form=f.HouseholdForm,
        delete=True,
        actions={"link": v.LinkHouseholdView, "visit": v.LogVisitView},
    ),
    *pages(
        "links",
        "Link",
        actions={"end": v.EndLinkView},
        collection={"import": v.LinkImportView, "template": v.LinkTemplateView},
    ),
    *pages("visits", "Visit"),
    *pages("activities", "Activity", form=f.PartyGroupActivityForm, delete=True),
    *pages("courses", "Course", form=f.TrainingCourseForm, delete=True),
    *pages("sessions", "Session", form=f.TrainingSessionForm, delete=True),
    *pages("attendance", "Attendance"),
]
