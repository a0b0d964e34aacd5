from django.urls import path

from mingzhu.core.routing import object_urls

from . import forms, views

app_name = "livelihood"

R = "requests/<int:pk>"
H = "households/<int:pk>"

urlpatterns = [
    path("requests/add/", views.RegisterView.as_view(), name="citizenrequest_add"),
    path(f"{R}/reveal/", views.RevealRequestView.as_view(), name="citizenrequest_reveal"),
    path(f"{R}/dispatch/", views.DispatchView.as_view(), name="citizenrequest_dispatch"),
    path(f"{R}/redispatch/", views.RedispatchView.as_view(), name="citizenrequest_redispatch"),
    path(f"{R}/return/", views.ReturnView.as_view(), name="citizenrequest_return"),
    path(f"{R}/accept/", views.AcceptView.as_view(), name="citizenrequest_accept"),
    path(f"{R}/answer/", views.AnswerView.as_view(), name="citizenrequest_answer"),
    path(f"{R}/callback/", views.CallbackView.as_view(), name="citizenrequest_callback"),
    *object_urls(
        "requests",
        "citizenrequest",
        list_view=views.CitizenRequestListView,
        detail=views.CitizenRequestDetailView,
    ),
    path("rates/", views.RatesView.as_view(), name="rates"),
    path("rates/notice.docx", views.NoticeView.as_view(), name="rates_notice"),
    path("hotspots/", views.HotSpotsView.as_view(), name="hotspots"),
    path("classifier/", views.ClassifierView.as_view(), name="classifier"),
    *object_urls(
        "categories",
        "requestcategory",
        list_view=views.CategoryListView,
        detail=views.CategoryDetailView,
        form=forms.CategoryForm,
    ),
    *object_urls(
        "time-limits",
        "timelimit",
        list_view=views.TimeLimitListView,
        detail=views.TimeLimitDetailView,
        edit=views.TimeLimitEditView,
    ),
    path(f"{H}/reveal/", views.RevealHouseholdView.as_view(), name="monitoredhousehold_reveal"),
    path(f"{H}/measures/add/", views.MeasureView.as_view(), name="monitoredhousehold_measure"),
    path(f"{H}/propose/", views.ProposeView.as_view(), name="monitoredhousehold_propose"),
    path(f"{H}/review/", views.ReviewView.as_view(), name="monitoredhousehold_review"),
    *object_urls(
        "households",
        "monitoredhousehold",
        list_view=views.HouseholdListView,
        detail=views.HouseholdDetailView,
        form=forms.HouseholdForm,
    ),
    path("funds/<int:pk>/notice/", views.FundNoticeView.as_view(), name="mutualaidfund_notice"),
    path("funds/<int:pk>/entries/add/", views.EntryAddView.as_view(), name="fundentry_add"),
    path("entries/<int:pk>/approve/", views.ApproveView.as_view(), name="fundentry_approve"),
    path("entries/<int:pk>/correct/", views.CorrectView.as_view(), name="fundentry_correct"),
    *object_urls(
        "funds",
        "mutualaidfund",
        list_view=views.FundListView,
        detail=views.FundDetailView,
    ),
    *object_urls(
        "monitoring-lines",
        "monitoringline",
        list_view=views.LineListView,
        detail=views.LineDetailView,
        form=forms.MonitoringLineForm,
    ),
    *object_urls(
        "coverage-targets",
        "coveragetarget",
        list_view=views.TargetListView,
        detail=views.TargetDetailView,
        form=forms.CoverageTargetForm,
    ),
    path("coverage/", views.CoverageView.as_view(), name="coveragerecord_list"),
    path("coverage/import/", views.CoverageImportView.as_view(), name="coverage_import"),
    path("coverage/follow-ups/", views.FollowUpView.as_view(), name="coverage_follow_ups"),
    path("access-log/", views.AccessLogView.as_view(), name="personaldataaccess_list"),
]
