from django.urls import path

from mingzhu.core.routing import object_urls

from . import forms, views

app_name = "tasks"

urlpatterns = [
    path("", views.TaskListView.as_view(), name="task_list"),
    path("add/", views.TaskEditView.as_view(), name="task_add"),
    path("inbox/", views.InboxView.as_view(), name="inbox"),
    path("notifications/", views.NotificationListView.as_view(), name="notification_list"),
    path("notifications/badge/", views.NotificationBadgeView.as_view(), name="notification_badge"),
    path(
        "notifications/<int:pk>/open/",
        views.NotificationOpenView.as_view(),
        name="notification_open",
    ),
    path("metrics/", views.MetricsView.as_view(), name="metrics"),
    path("supervision/", views.SheetListView.as_view(), name="supervisionsheet_list"),
    path("<int:pk>/", views.TaskDetailView.as_view(), name="task_detail"),
    path("<int:pk>/history/", views.TaskHistoryView.as_view(), name="task_history"),
    path("<int:pk>/edit/", views.TaskEditView.as_view(), name="task_edit"),
    path("<int:pk>/delete/", views.TaskDeleteView.as_view(), name="task_delete"),
    path("<int:pk>/do/<str:name>/", views.TaskActionView.as_view(), name="task_action"),
    path("attachments/<int:pk>/", views.AttachmentView.as_view(), name="attachment"),
    path("lists/<int:pk>/import/", views.TaskImportView.as_view(), name="tasklist_import"),
    *object_urls(
        "lists",
        "tasklist",
        list_view=views.TaskListListView,
        detail=views.TaskListDetailView,
        form=forms.TaskListForm,
        delete=True,
    ),
]
