from mingzhu.core.routing import ModelPages

from . import forms as f
from . import views as v

app_name = "party"
pages = ModelPages(v)

urlpatterns = [
    *pages.routes(
        {
            "": "Overview",
            "project-branches/": "ProjectBranches",
            "training/summary/": "TrainingSummary",
            "visits/<int:pk>/raise-task/": ("RaiseTask", "householdvisit_task"),
            "sessions/<int:pk>/attendance/": ("Attendance", "session_attendance"),
        }
    ),
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
