from django.urls import path

from mingzhu.core.routing import ModelPages

from . import forms, views

app_name = "tasks"
pages = ModelPages(views)

urlpatterns = [
    path("inbox/", views.InboxView.as_view(), name="inbox"),
    path("bulk/", views.TaskBulkView.as_view(), name="task_bulk"),
    path("notifications/", views.NotificationListView.as_view(), name="notification_list"),
    path("notifications/badge/", views.NotificationBadgeView.as_view(), name="notification_badge"),
    path(
        "notifications/<int:pk>/open/",
        views.NotificationOpenView.as_view(),
        name="notification_open",
    ),
    path("metrics/", views.MetricsView.as_view(), name="metrics"),
    path("supervision/", views.SheetListView.as_view(), name="supervisionsheet_list"),
    path(
        "supervision/<int:pk>/sheet.docx",
        views.SheetNoticeView.as_view(),
        name="supervisionsheet_docx",
    ),
    path(
        "lists/<int:pk>/assignment.docx",
        views.AssignmentNoticeView.as_view(),
        name="tasklist_assignment",
    ),
    path("<int:pk>/do/<str:name>/", views.TaskActionView.as_view(), name="task_action"),
    path("attachments/<int:pk>/", views.AttachmentView.as_view(), name="attachment"),
    *pages(
        "calendar",
        "HolidayYear",
        collection={"import": views.HolidayImportView},
    ),
    *pages("calendar/days", "HolidayDay"),
    *pages("", "Task"),
    *pages(
        "lists",
        "TaskList",
        form=forms.TaskListForm,
        delete=True,
        actions={"import": views.TaskImportView, "template": views.TaskTemplateView},
    ),
]
