from mingzhu.core.routing import ModelPages

from . import forms, views

app_name = "tasks"
pages = ModelPages(views)

urlpatterns = [
    *pages.routes(
        {
            "inbox/": "Inbox",
            "bulk/": "TaskBulk",
            "notifications/": "NotificationList",
            "notifications/badge/": "NotificationBadge",
            "notifications/<int:pk>/open/": "NotificationOpen",
            "metrics/": "Metrics",
            "supervision/": ("SheetList", "supervisionsheet_list"),
            "supervision/<int:pk>/sheet.docx": ("SheetNotice", "supervisionsheet_docx"),
            "lists/<int:pk>/assignment.docx": ("AssignmentNotice", "tasklist_assignment"),
            "<int:pk>/do/<str:name>/": "TaskAction",
            "attachments/<int:pk>/": "Attachment",
        }
    ),
    *pages(
        "calendar",
        "HolidayYear",
        collection={"import": views.HolidayImportView},
    ),
    *pages("calendar/days", "HolidayDay"),
    # No role deletes tasks (their events protect them); the page is the generic one.
    *pages("", "Task", delete=True),
    *pages(
        "lists",
        "TaskList",
        form=forms.TaskListForm,
        delete=True,
        actions={"import": views.TaskImportView, "template": views.TaskTemplateView},
    ),
]
