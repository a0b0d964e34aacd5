import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View

from mingzhu.core import results
from mingzhu.core.forms import posted_text
from mingzhu.core.periods import percent
from mingzhu.core.renderers import shown
from mingzhu.core.reports import ReportView
from mingzhu.core.tables import Column, fields
from mingzhu.core.tabular import WorkbookError
from mingzhu.core.uploads import FileDownloadView
from mingzhu.core.views import (
    DocxView,
    ImportView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    Related,
    ViewPermissionMixin,
    paged,
)
from mingzhu.org.models import OrgUnit
from mingzhu.tasks.pages import TaskDetailMixin

from . import actions, calendar, gongwen, importer, paging, services
from .choices import HANDLING, Light, SheetLevel, Status
from .filters import SHOW_ALL, SHOW_OPEN, TaskFilter, TaskListFilter
from .forms import HolidayDayForm, HolidayYearForm, TaskForm
from .importer import import_tasks
from .metrics import named_metrics
from .models import (
    Attachment,
    HolidayDay,
    HolidayYear,
    Notification,
    SupervisionSheet,
    Task,
    TaskList,
)


class LightLabel(str):
    """A light's label (what the cell and the export show) that keeps its code for the
    badge colour."""

    code: str

    def __new__(cls, code: str):
        label = super().__new__(cls, Light(code).label)
        label.code = code
        return label


# (light, language) → its LightLabel: translated once, not once per row.
_LIGHT_LABELS: dict[tuple[str, str | None], LightLabel] = {}


def _light(task: Task) -> LightLabel | None:
    value = task.light_on(timezone.localdate())
    if not value:
        return None
    key = (value, get_language())
    label = _LIGHT_LABELS.get(key)
    if label is None:
        label = _LIGHT_LABELS[key] = LightLabel(value)
    return label


TASK_COLUMNS = [
    Column("code", link=True),
    Column("title", prose=True),
    Column("task_list", gettext_lazy("List"), prose=True),
    *fields("lead_unit status"),
    Column("light", gettext_lazy("Light"), accessor=_light),
    *fields("deadline progress leader"),
]


LIGHT_BADGES = {"red": "text-bg-danger", "yellow": "text-bg-warning"}


class TaskListView(ObjectListView):
    """The task ledger (台账)."""

    model = Task
    select_related = ("lead_unit", "task_list", "leader")
    filterset_class = TaskFilter
    columns = TASK_COLUMNS
    template_name = "tasks/task_list.html"
    table_template = "tasks/_task_table.html"
    export_filename = gettext_lazy("Task ledger")
    # The ledger opens on the open tasks in the user's scope, most urgent first; the
    # filter's "show" switches to all.
    default_show = SHOW_OPEN

    def get(self, request, *args, **kwargs):
        if self.default_show and "show" not in request.GET:
            query = request.GET.copy()
            query["show"] = self.default_show
            request.GET = query
        return super().get(request, *args, **kwargs)

    page_parameters = ("page", paging.AFTER, paging.BEFORE)

    def paginate(self, queryset):
        """Keyset pages (tasks.paging): the next and previous links read from the index
        after (before) the rows shown, however deep; a search counted up to a limit."""
        paginator = paging.KeysetPaginator(
            queryset,
            self.paginate_by,
            count_limit=paging.search_count_limit(self.request.GET),
        )
        try:
            page = paginator.page_for(self.request.GET)
        except paging.BadKey:
            messages.warning(self.request, paging.BAD_KEY)
            page = paginator.page_for({})
        following, preceding = paging.link_keys(page)
        page.next_query, page.previous_query = urlencode(following), urlencode(preceding)
        return page

    link_attrs = ' class="text-nowrap"'
    card_hides = ("title",)

    def card_heading(self, task):
        """On a phone a task's card is titled by what is to be done, its code under it."""
        return task.title, task.code

    def draw_row(self, obj, cells, context) -> str:
        """A row as tasks/_task_table.html's blocks draw it: the tick box of the bulk
        actions, the code linking to the task, the light and the status as badges."""
        lead = ""
        if context.get("bulk"):
            lead = (
                '<td class="card-select"><input class="form-check-input" type="checkbox" '
                f'name="ids" value="{shown(obj.pk)}" form="bulk-select" '
                f'aria-label="{shown(_("Select"))} {shown(obj.code)}"></td>'
            )
        return self.row_html(obj, cells, lead)

    def draw_cell(self, column, value) -> str:
        if column.name == "light" and value:
            css = LIGHT_BADGES.get(value.code, "text-bg-success")
            return f'<span class="badge light-{shown(value.code)} {css}">{shown(value)}</span>'
        if column.name == "status":
            return f'<span class="badge text-bg-secondary status-badge">{shown(value)}</span>'
        return super().draw_cell(column, value)

    def meta_context(self):
        user = self.request.user
        return {
            **super().meta_context(),
            "bulk": True,
            "may_bulk_change": user.has_perm(actions.VERIFY_PERMISSION),
            "show": self.request.GET.get("show"),
            "SHOW_OPEN": SHOW_OPEN,
            "SHOW_ALL": SHOW_ALL,
        }


class InboxView(TaskListView):
    """What awaits the user: tasks of their unit to accept and handle; for the issuing
    side, closure and extension requests to decide."""

    def get_queryset(self):
        user = self.request.user
        qs = super().get_queryset()
        mine = Q(pk__in=[])
        if user.unit_id and user.has_perm("tasks.change_task"):
            mine = Q(
                lead_unit__path__startswith=user.unit.path,
                status__in=(Status.ASSIGNED, *HANDLING),
            )
        if user.has_perm(actions.VERIFY_PERMISSION):
            decide = Q(status=Status.CLOSURE_REQUESTED) | Q(
                status__in=HANDLING, requested_deadline__isnull=False
            )
            if user.unit_id:
                # As may_review: never the lead unit's own people; only down their line.
                decide &= ~actions.in_unit_q(user, "lead_unit") & actions.issuers_line(user)
            else:
                decide = Q(pk__in=[])
            mine |= decide
        return qs.filter(mine)

    heading = gettext_lazy("My inbox")
    addable = False


class TaskDetailView(ObjectDetailView):
    model = Task
    select_related = ("lead_unit", "issuer", "task_list", "leader", "assignee", "parent")

    def get_extra_context(self, obj):
        user = self.request.user
        as_of = timezone.localdate()
        calendar.warn_about_task(self.request, obj)
        # The task's lists are read through what the process keeps while the tables they
        # read are unchanged (core.results).
        kept = results.kept_rows
        return {
            "as_of": as_of,
            "light": obj.light_on(as_of),
            "co_units": list(kept(obj.co_units.all())),
            "events": kept(obj.events.select_related("actor").prefetch_related("attachments")),
            "sheets": kept(obj.sheets.all()),
            "children": kept(obj.children.restrict(user, "view").select_related("lead_unit")),
            "available": actions.available_actions(user, obj),
            "waiting_for": actions.waiting_for(obj),
            "can_change": actions.is_issuing_side(user, obj)
            and obj.status not in (Status.CLOSED, Status.CANCELLED),
        }


class TaskBackedDetailView(TaskDetailMixin, ObjectDetailView):
    """The detail page of a task-backed object (a demand, a grid event, a hazard …)."""


class TaskEditView(ObjectEditView):
    model = Task
    form_class = TaskForm

    def get_object(self, pk):
        obj = super().get_object(pk)
        if pk is not None and not actions.is_issuing_side(self.request.user, obj):
            raise PermissionDenied
        return obj


ACTION_NAMES = tuple(actions.RULES)


class TaskActionView(LoginRequiredMixin, View):
    """The forms of the task page post here; each calls one action."""

    def post(self, request, pk, name):
        if name not in ACTION_NAMES:
            raise PermissionDenied
        data = request.POST
        try:
            kwargs = {"comment": posted_text(data, "comment")}
            if name == "report_progress":
                kwargs["progress"] = int(data.get("progress", ""))
            elif name == "request_closure":
                kwargs["result"] = posted_text(data, "result")
                kwargs["files"] = request.FILES.getlist("files")
            elif name == "request_extension":
                kwargs["new_deadline"] = dt.date.fromisoformat(data.get("new_deadline", ""))
            getattr(actions, name)(pk, actor=request.user, **kwargs)
        except actions.TransitionError as exc:
            return self._refused(request, pk, str(exc))
        except ValidationError as exc:
            return self._refused(request, pk, "; ".join(exc.messages))
        except ValueError:
            return self._refused(request, pk, _("Please check the values you entered."))
        messages.success(request, _("Done."))
        return HttpResponseRedirect(Task(pk=pk).get_absolute_url())

    def _refused(self, request, pk, text):
        messages.error(request, text)
        response = HttpResponseRedirect(Task(pk=pk).get_absolute_url())
        response.status_code = 303
        return response


class AttachmentView(FileDownloadView):
    """Download one piece of evidence (only within the task's scope)."""

    model = Task
    file_model = Attachment
    parent_field = Attachment.parent_field


class TaskListListView(ObjectListView):
    model = TaskList
    select_related = ("issuer",)
    filterset_class = TaskListFilter
    columns = [
        Column("name", link=True),
        *fields("kind issuer year"),
    ]


class TaskListDetailView(ObjectDetailView):
    model = TaskList
    select_related = ("issuer",)
    fields = ("kind", "issuer", "year", "source")
    permission_flags = {"can_import": "tasks.add_task"}

    def get_extra_context(self, obj):
        tasks = Related("tasks", "lead_unit").records(obj, self.request.user)
        as_of = timezone.localdate()
        return {"tasks": [(t, t.light_on(as_of)) for t in tasks]}


class SheetNoticeView(DocxView):
    """The 督办单 of a supervision sheet as a .docx 公文, with its reply slip."""

    model = SupervisionSheet
    select_related = ("task__lead_unit", "task__issuer", "unit")

    def document(self, sheet):
        co_units = list(sheet.task.co_units.values_list("name", flat=True))
        name = f"{gongwen.LEVELS[sheet.level][0]}-{sheet.task.code}.docx"
        return name, gongwen.supervision_sheet(sheet, co_units=co_units)


class AssignmentNoticeView(DocxView):
    """The 交办单 of a task list as a .docx 公文: the tasks the user may see."""

    model = TaskList
    select_related = ("issuer",)

    def document(self, task_list):
        tasks = (
            Task.objects.restrict(self.request.user, "view")
            .filter(task_list=task_list)
            .select_related("lead_unit")
            .prefetch_related("co_units")
            .order_by("pk")
        )
        content = gongwen.assignment_sheet(task_list, tasks, dated=timezone.localdate())
        return f"{task_list.name}-交办单.docx", content


class TaskImportView(ImportView):
    """Upload the usual spreadsheet into a task list, preview it, confirm: all rows or
    none, unless the valid rows only are asked for; tasks already in the list (by 序号)
    are updated."""

    model = TaskList
    permission = "tasks.add_task"
    template_name = "tasks/import.html"
    success_message = gettext_lazy("Imported: %(created)s new tasks, %(updated)s updated.")

    def import_file(self, task_list, file):
        return import_tasks(
            file, actor=self.request.user, task_list=task_list, valid_only=self.valid_only
        )


def _task_template(user):
    """The task sheet's template, its unit drop-down listing the units the user sees."""
    units = OrgUnit.objects.restrict(user, "view").filter(is_active=True)
    units = units.filter(kind__in=["department", "town", "street", "zone"]).order_by("path")
    return importer.template(units)


TaskTemplateView = TaskImportView.template_view(
    gettext_lazy("Task list import template.xlsx"), _task_template
)


class SheetListView(ObjectListView):
    """The supervision office's page: every sheet, and the units whose heads are due an
    interview (three red sheets within a quarter)."""

    model = SupervisionSheet
    select_related = ("task", "unit")
    template_name = "tasks/supervisionsheet_list.html"
    table_template = "tasks/_sheet_table.html"
    columns = [
        Column("task__code", gettext_lazy("Task"), link=True),
        *fields("task__title level unit issued_on"),
    ]
    addable = False

    def meta_context(self):
        red = self.restricted("view").filter(level=SheetLevel.RED)
        interviews = services.interviews(red.values_list("unit_id", "issued_on", "unit__name"))
        return {**super().meta_context(), "interviews": interviews}


def _chart(rows) -> dict:
    return {
        "units": [r["unit_name"] for r in rows],
        "on_time": [percent(r["on_time_rate"]) for r in rows],
        "closure": [percent(r["closure_rate"]) for r in rows],
        "on_time_label": _("On-time closure rate"),
        "closure_label": _("Closure rate"),
    }


class MetricsView(ReportView):
    period = "range"
    model = Task
    template_name = "tasks/metrics.html"

    def report(self, start, end):
        rows = services.by_on_time_rate(named_metrics(self.restricted("view"), start, end))
        return {"rows": rows, "chart": _chart(rows)}


class NotificationListView(LoginRequiredMixin, View):
    """The user's own notifications (站内通知), newest first. Opening the list marks the
    notices on the page read (they are shown as new this once)."""

    def get(self, request):
        mine = Notification.objects.for_user(request.user).select_related(
            "task", "task__lead_unit", "event", "event__actor", "sheet"
        )
        unread = mine.filter(read_at__isnull=True).count()
        context = paged(request, mine)
        notes = context["notes"] = list(context["page_obj"].object_list)
        fresh = [n.pk for n in notes if n.read_at is None]
        context["unread"] = unread
        response = render(request, "tasks/notification_list.html", context)
        if fresh:
            Notification.objects.filter(pk__in=fresh, read_at__isnull=True).update(
                read_at=timezone.now()
            )
        return response

    def post(self, request):
        """Mark every notification of the user read."""
        Notification.objects.for_user(request.user).filter(read_at__isnull=True).update(
            read_at=timezone.now()
        )
        return HttpResponseRedirect(reverse("tasks:notification_list"))


class NotificationOpenView(LoginRequiredMixin, View):
    """Open a notification: mark it read and go to its page. Another's answers 404."""

    def post(self, request, pk: int):
        note = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
        if note.read_at is None:
            note.read_at = timezone.now()
            note.save(update_fields=["read_at", "updated_at"])
        return HttpResponseRedirect(note.get_link())


class NotificationBadgeView(LoginRequiredMixin, View):
    """The unread count for the menu bar, fetched by htmx after the page has loaded."""

    def get(self, request):
        unread = Notification.objects.for_user(request.user).filter(read_at__isnull=True).count()
        return render(request, "tasks/_notification_badge.html", {"unread": unread})


# -- the holiday arrangement (节假日安排): the administrator's pages ------------------------


class HolidayYearListView(ViewPermissionMixin, ObjectListView):
    model = HolidayYear
    template_name = "tasks/holidayyear_list.html"
    ordering = ("-year",)
    columns = [
        Column("year", link=True),
        *fields("entered notice"),
        Column("day_count", gettext_lazy("Days"), computed=Count("days")),
    ]

    def get(self, request, *args, **kwargs):
        self.require_permission("view")
        # Said before the page is drawn, so that it shows on this page.
        ahead = calendar.unentered_ahead(timezone.localdate())
        if ahead and not request.htmx:
            messages.warning(request, calendar.warning_for(ahead))
        return super().get(request, *args, **kwargs)


class HolidayYearDetailView(ViewPermissionMixin, ObjectDetailView):
    model = HolidayYear
    permission_flags = {
        "can_add_day": "tasks.add_holidayday",
        "can_import": ("tasks.add_holidayday", "tasks.change_holidayyear"),
    }

    def get_extra_context(self, obj):
        days = list(obj.days.all())
        statutory = [] if days else services.statutory_holidays(obj.year).items()
        return {"days": days, "statutory": sorted(statutory)}


class HolidayYearEditView(ViewPermissionMixin, ObjectEditView):
    model = HolidayYear
    form_class = HolidayYearForm


class HolidayYearDeleteView(ViewPermissionMixin, ObjectDeleteView):
    """Deleting a year removes its days: deadlines in it follow the statutory holidays."""

    model = HolidayYear


class HolidayDayListView(ViewPermissionMixin, ObjectListView):
    model = HolidayDay
    select_related = ("arrangement",)
    columns = [Column("day", link=True), *fields("kind name arrangement")]


class HolidayDayDetailView(ViewPermissionMixin, ObjectDetailView):
    model = HolidayDay
    select_related = ("arrangement",)

    def get(self, request, pk):
        # A day is shown on its year's page.
        return HttpResponseRedirect(self.get_object(pk).get_absolute_url())


class HolidayDayEditView(ViewPermissionMixin, ObjectEditView):
    model = HolidayDay
    form_class = HolidayDayForm
    prefill = ("arrangement",)


class HolidayImportView(ViewPermissionMixin, ImportView):
    """A year's arrangement from a sheet (日期, 类型, 名称): the year's days replaced by the
    sheet's, all rows or none, and the year marked entered unless kept as a draft."""

    model = HolidayYear
    preview = False
    permission = "tasks.change_holidayyear"
    template_name = "tasks/holiday_import.html"
    requires = ("tasks.add_holidayday",)
    success_message = gettext_lazy("%(count)s days imported.")
    year = None

    def get_extra_context(self, obj):
        return {
            **super().get_extra_context(obj),
            "accept": ".xlsx,.xls,.csv",
            "year": self.request.POST.get("year") or self.request.GET.get("year", ""),
            "notice": self.request.POST.get("notice", ""),
            "draft": self.request.POST.get("draft") == "on",
        }

    def import_file(self, obj, file):
        text = (self.request.POST.get("year") or "").strip()
        if text and not text.isdigit():
            raise WorkbookError(_("The year must be a number such as 2027."))
        year = int(text) if text else calendar.year_of(file)
        if year is None:
            raise WorkbookError(_("The sheet has no days: nothing imported."))
        self.year = year
        try:
            notice = posted_text(self.request.POST, "notice")[:200]
        except ValidationError as exc:
            raise WorkbookError(" ".join(exc.messages)) from None
        return calendar.import_year(
            file,
            year=year,
            notice=notice,
            entered=self.request.POST.get("draft") != "on",
        )

    def imported_url(self, obj):
        return HolidayYear.objects.get(year=self.year).get_absolute_url()


class HolidayDayDeleteView(ViewPermissionMixin, ObjectDeleteView):
    model = HolidayDay

    def deleted_url(self, day):
        return day.get_absolute_url()  # its year's page


BULK_ACTIONS = {
    "assign": (
        gettext_lazy("Assign the selected drafts"),
        gettext_lazy(
            "Each draft below is assigned now: its lead unit is told and its deadline runs."
        ),
    ),
    "remind": (
        gettext_lazy("Remind the lead units"),
        gettext_lazy(
            "The people of each task's lead unit who handle tasks get a reminder (催办) in "
            "the app and on their channels."
        ),
    ),
    "export": (
        gettext_lazy("Export the selected tasks"),
        gettext_lazy("The tasks below are written to an Excel file; nothing is changed."),
    ),
}


class TaskBulkView(LoginRequiredMixin, View):
    """Bulk work from the ledger: GET shows what will happen to the selected tasks (or
    why it may not); POST does it to all of them or to none (tasks/actions.py)."""

    template_name = "tasks/bulk_confirm.html"

    def page(self, name, ids, tasks=(), error: str | None = None):
        """The confirmation page, or the refusal (400) when there is an ``error``."""
        title, explanation = BULK_ACTIONS[name]
        context = {
            "action": name,
            "title": title,
            "explanation": explanation,
            "tasks": tasks,
            "ids": ids,
            "error": error or "",
            "list_url": reverse("tasks:task_list"),
            "verbose_name_plural": Task._meta.verbose_name_plural,
        }
        return render(
            self.request, self.template_name, context, status=200 if error is None else 400
        )

    def _selection(self, data):
        """The action and the ids selected (None: no such action); 403 to whoever may not
        read tasks."""
        if not self.request.user.has_perm("tasks.view_task"):
            raise PermissionDenied
        name = data.get("action", "")
        if name not in BULK_ACTIONS:
            return None, []
        try:
            ids = sorted({int(v) for v in data.getlist("ids")})
        except ValueError:
            ids = []
        return name, ids

    def get(self, request):
        name, ids = self._selection(request.GET)
        if name is None:
            messages.error(request, _("Choose what to do with the selected tasks."))
            return HttpResponseRedirect(reverse("tasks:task_list"))
        try:
            return self.page(name, ids, actions.check_batch(ids, actor=request.user, name=name))
        except actions.BatchRefused as exc:
            return self.page(name, ids, error=" ".join(exc.messages))

    def post(self, request):
        name, ids = self._selection(request.POST)
        if name is None:
            raise PermissionDenied
        try:
            comment = posted_text(request.POST, "comment")[:500]
        except ValidationError as exc:
            return self.page(name, ids, error=" ".join(exc.messages))
        try:
            if name == "export":
                tasks = actions.check_batch(ids, actor=request.user, name=name)
                ledger = TaskListView()
                ledger.request = request
                return ledger.export(tasks)
            if name == "assign":
                done = actions.bulk_assign(ids, actor=request.user, comment=comment)
                messages.success(request, _("%(count)s tasks assigned.") % {"count": len(done)})
            else:
                done = actions.bulk_remind(ids, actor=request.user, comment=comment)
                messages.success(
                    request,
                    _("The lead units of %(count)s tasks were reminded.") % {"count": len(done)},
                )
        except (actions.BatchRefused, actions.TransitionError, PermissionDenied) as exc:
            return self.page(name, ids, error=" ".join(getattr(exc, "messages", [])) or str(exc))
        return HttpResponseRedirect(reverse("tasks:task_list"))
