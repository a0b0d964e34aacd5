from django.urls import path

from mingzhu.core.routing import object_urls

from . import views

app_name = "appraisal"

urlpatterns = [
    path("", views.BoardView.as_view(), name="board"),
    path("results/add/", views.ComputeView.as_view(), name="appraisalresult_add"),
    path("results/<int:pk>/publish/", views.PublishView.as_view(), name="appraisalresult_publish"),
    path("results/<int:pk>/notice/", views.NoticeView.as_view(), name="appraisalresult_notice"),
    path("schemes/<int:pk>/edit/", views.SchemeEditView.as_view(), name="scheme_edit"),
    *object_urls(
        "results",
        "appraisalresult",
        list_view=views.ResultListView,
        detail=views.ResultDetailView,
    ),
    *object_urls(
        "schemes",
        "scheme",
        list_view=views.SchemeListView,
        detail=views.SchemeDetailView,
    ),
]
