from mingzhu.core.routing import ModelPages

from . import forms as f
from . import views as v

app_name = "civility"
pages = ModelPages(v)

urlpatterns = [
    *pages.routes(
        {
            "applications/<int:pk>/objections/<int:objection>/resolve/": (
                "Resolve",
                "application_resolve",
            ),
            "activities/<int:pk>/volunteers/add/": "ParticipationAdd",
            "hours/": "Hours",
            "calendar/": "Calendar",
            "campaign/": "Campaign",
        }
    ),
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
