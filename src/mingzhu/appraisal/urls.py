from django.urls import path

from mingzhu.core.routing import ModelPages

from . import views

app_name = "appraisal"
pages = ModelPages(views)

urlpatterns = [
    path("", views.BoardView.as_view(), name="board"),
    *pages(
        "results",
        "Result",
        add=views.ComputeView,
        actions={"publish": views.PublishView, "notice": views.NoticeView},
    ),
    *pages("schemes", "Scheme", add=False),
]
