from django.urls import path

from mingzhu.core.routing import object_urls

from . import forms, views

app_name = "documents"

urlpatterns = [
    path("", views.DocumentListView.as_view(), name="policydocument_list"),
    path("add/", views.LoadView.as_view(), name="policydocument_add"),
    path("<int:pk>/", views.DocumentDetailView.as_view(), name="policydocument_detail"),
    path("<int:pk>/history/", views.DocumentHistoryView.as_view(), name="policydocument_history"),
    path("<int:pk>/draft/", views.SaveDraftView.as_view(), name="policydocument_draft"),
    path("<int:pk>/adopt/", views.AdoptView.as_view(), name="policydocument_adopt"),
    path("<int:pk>/export/", views.ExportView.as_view(), name="policydocument_export"),
    *object_urls(
        "rules",
        "leadrule",
        list_view=views.LeadRuleListView,
        detail=views.LeadRuleDetailView,
        form=forms.LeadRuleForm,
        delete=True,
    ),
]
