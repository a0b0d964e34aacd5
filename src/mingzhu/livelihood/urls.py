from django.urls import path

from mingzhu.core.routing import ModelPages

from . import forms, monitoring_views, views

app_name = "livelihood"
pages = ModelPages(views)

urlpatterns = [
    *pages(
        "requests",
        "CitizenRequest",
        add=views.RegisterView,
        actions={
            "reveal": views.RevealRequestView,
            "dispatch": views.DispatchView,
            "redispatch": views.RedispatchView,
            "return": views.ReturnView,
            "accept": views.AcceptView,
            "contact": views.ContactView,
            "answer": views.AnswerView,
            "callback": views.CallbackView,
        },
    ),
    path("rates/", views.RatesView.as_view(), name="rates"),
    path("rates/notice.docx", views.NoticeView.as_view(), name="rates_notice"),
    path("hotspots/", views.HotSpotsView.as_view(), name="hotspots"),
    path("classifier/", views.ClassifierView.as_view(), name="classifier"),
    *pages("categories", "Category", form=forms.CategoryForm),
    *pages("time-limits", "TimeLimit"),
    path(
        "households/measures/import/",
        monitoring_views.MeasureImportView.as_view(),
        name="assistancemeasure_import",
    ),
    path(
        "households/measures/template/",
        monitoring_views.MeasureTemplateView.as_view(),
        name="assistancemeasure_template",
    ),
    path(
        "households/<int:pk>/measures/add/",
        views.MeasureView.as_view(),
        name="monitoredhousehold_measure",
    ),
    *pages(
        "households",
        "Household",
        form=forms.HouseholdForm,
        collection={
            "import": monitoring_views.HouseholdImportView,
            "template": monitoring_views.HouseholdTemplateView,
        },
        actions={
            "reveal": views.RevealHouseholdView,
            "propose": views.ProposeView,
            "review": views.ReviewView,
        },
    ),
    path("funds/<int:pk>/entries/add/", views.EntryAddView.as_view(), name="fundentry_add"),
    path("entries/<int:pk>/approve/", views.ApproveView.as_view(), name="fundentry_approve"),
    path("entries/<int:pk>/correct/", views.CorrectView.as_view(), name="fundentry_correct"),
    *pages("funds", "Fund", actions={"notice": views.FundNoticeView}),
    *pages("monitoring-lines", "Line", form=forms.MonitoringLineForm),
    *pages("coverage-targets", "Target", form=forms.CoverageTargetForm),
    path("coverage/", views.CoverageView.as_view(), name="coveragerecord_list"),
    path("coverage/import/", views.CoverageImportView.as_view(), name="coverage_import"),
    path("coverage/template/", views.CoverageTemplateView.as_view(), name="coverage_template"),
    path("coverage/follow-ups/", views.FollowUpView.as_view(), name="coverage_follow_ups"),
    path("access-log/", views.AccessLogView.as_view(), name="personaldataaccess_list"),
]
