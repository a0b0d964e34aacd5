from mingzhu.core.routing import ModelPages

from . import forms, views

app_name = "documents"
pages = ModelPages(views)

urlpatterns = [
    *pages(
        "",
        "Document",
        add=views.LoadView,
        actions={
            "draft": views.SaveDraftView,
            "adopt": views.AdoptView,
            "export": views.ExportView,
        },
    ),
    *pages("rules", "LeadRule", form=forms.LeadRuleForm, delete=True),
]
