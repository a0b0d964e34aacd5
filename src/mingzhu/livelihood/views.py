from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import DecimalField, ExpressionWrapper, F, OuterRef, Q, Subquery
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from mingzhu.core import periods
from mingzhu.core.actions import ActionError
from mingzhu.core.excel import docx_response
from mingzhu.core.gongwen import organ_name
from mingzhu.core.reports import ReportView
from mingzhu.core.scope import can, restrict
from mingzhu.core.tables import Column, fields
from mingzhu.core.tabular import WorkbookError
from mingzhu.core.views import (
    EXPORT_LIMIT,
    ActionFormView,
    ImportView,
    NoDeleteMixin,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ObjectMixin,
    ReadOnlyMixin,
    Related,
    Tool,
    model_url,
    numbered,
    paged,
)
from mingzhu.tasks.actions import available_actions, was_reopened
from mingzhu.tasks.models import TaskEvent
from mingzhu.tasks.pages import task_allows
from mingzhu.tasks.tables import STATUS_COLUMN, TaskColumn

from . import actions, importer, models, services, suggest
from .choices import (
    AccessPurpose,
    EntryKind,
    EntryStatus,
    PersonalField,
    RiskCause,
)
from .filters import CitizenRequestFilter, HouseholdFilter
from .forms import (
    AnswerForm,
    CallbackForm,
    ContactForm,
    CorrectionForm,
    CoverageImportForm,
    EntryForm,
    FollowUpForm,
    MeasureForm,
    ReasonForm,
    RegisterForm,
    ReviewForm,
    TimeLimitForm,
    UnitForm,
    WeightsForm,
)
from .metrics import fund_figures, hot_spots_for, rates_for, request_tasks
from .notice import rates_notice

L = gettext_lazy

# -- citizen requests ----------------------------------------------------------------

REQUEST_COLUMNS = [
    *fields("number received_at channel request_type category"),
    Column("place", gettext_lazy("Place")),
    *fields("name_masked phone_masked"),
    STATUS_COLUMN,
    TaskColumn("lead_unit", gettext_lazy("Handling unit"), key="unit"),
    TaskColumn("deadline"),
]


class CitizenRequestListView(ObjectListView):
    model = models.CitizenRequest
    select_related = ("category__parent", "town", "village", "task__lead_unit")
    filterset_class = CitizenRequestFilter
    columns = REQUEST_COLUMNS
    card_hides = ("category", "place")

    def card_heading(self, request):
        """What the request is about and where; its number and day under it (no words of
        its content: the list shows no personal data)."""
        day = timezone.localtime(request.received_at).date().isoformat()
        return f"{request.category} · {request.place}", numbered(request.number, day)

    export_sheet = gettext_lazy("Citizen requests")

    def export_table(self, queryset):
        """Masked by default; in full only when a permitted role asks (``personal=1``),
        and then every record exported is entered in the access log."""
        user = self.request.user
        full = self.request.GET.get("personal") == "1"
        if full and not actions.may_reveal(user, models.CitizenRequest):
            raise PermissionDenied
        objs = list(queryset[:EXPORT_LIMIT])
        headers, rows = super().export_table(objs)
        rows = [list(row) for row in rows]
        if full:
            # Every value read first: a wrong key exports and records nothing.
            shown = [actions.personal_data(o) for o in objs]
            for row, data in zip(rows, shown, strict=True):
                row[6], row[7] = data["name"], data["phone"]
            actions.record_access(objs, actor=user, purpose="export")
        return headers, rows

    def export(self, queryset):
        try:
            return super().export(queryset)
        except ActionError as exc:
            messages.error(self.request, str(exc))
            query = self.request.GET.copy()
            query.pop("export", None)
            query.pop("personal", None)
            return HttpResponseRedirect(f"{self.request.path}?{query.urlencode()}")


class CitizenRequestDetailView(ReadOnlyMixin, ObjectDetailView):
    model = models.CitizenRequest
    template_name = "livelihood/citizenrequest_detail.html"
    select_related = ("category__parent", "town", "village", "task__lead_unit", "received_by")
    related = {"callbacks": Related("callbacks", "called_by", "task__lead_unit")}
    revealed = None

    def get_extra_context(self, obj):
        user = self.request.user
        task = obj.task
        desk = actions.is_desk(user)
        status = obj.status
        # Only the rounds (tasks) and callbacks the user may see, and those rounds' events.
        rounds = restrict(
            request_tasks(models.CitizenRequest.objects.filter(pk=obj.pk)), user, "view"
        )
        task_actions = available_actions(user, task) if task and not obj.pending_return else []
        context = {
            "events": obj.events.select_related("actor", "unit"),
            "rounds": rounds.select_related("lead_unit").order_by("pk"),
            "timeline": TaskEvent.objects.filter(task__in=rounds)
            .select_related("actor", "task")
            .order_by("at", "pk"),
            "reopened": task is not None and was_reopened(task),
            "task_link": task is not None and can(user, "view", task),
            "can_reveal": actions.may_reveal(user, models.CitizenRequest),
            "revealed": self.revealed,
            "can_dispatch": desk and status == "registered",
            "can_redispatch": desk and obj.pending_return,
            "can_callback": desk and status == "answered",
            "can_return": actions.may_return(user, obj),
            "can_accept": "accept" in task_actions,
            "can_contact": actions.may_contact(user, obj),
            "can_answer": "request_closure" in task_actions,
        }
        if desk and status in ("registered", "returned"):
            context["suggestion"] = suggest.for_request(obj)
        return context


class RevealMixin:
    """POST: the personal data in full, on this page only, and recorded."""

    def get(self, request, pk):
        return HttpResponseRedirect(model_url(self.model, "detail", pk))

    def post(self, request, pk):
        try:
            self.revealed = actions.reveal(self.get_object(pk), actor=request.user)
        except ActionError as exc:
            messages.error(request, str(exc))
        return super().get(request, pk)


class RevealRequestView(RevealMixin, CitizenRequestDetailView):
    pass


class RegisterView(ActionFormView):
    model = models.CitizenRequest
    form_class = RegisterForm
    title = gettext_lazy("Register a request")

    action = actions.register_request
    success_message = gettext_lazy("Registered: %(object)s")


class RequestActionView(ActionFormView):
    model = models.CitizenRequest
    select_related = ("task__lead_unit", "category")


class DispatchView(RequestActionView):
    form_class = UnitForm
    title = gettext_lazy("Dispatch")

    def allowed(self, obj):
        return actions.is_desk(self.request.user) and obj.status == "registered"

    def initial(self, obj):
        suggestion = suggest.for_request(obj)
        if suggestion.get("units"):
            return {"unit": suggestion["units"][0]["unit"].pk}
        return {"unit": obj.category.default_unit_id}

    action = actions.dispatch


class RedispatchView(DispatchView):
    title = gettext_lazy("Re-dispatch")

    def allowed(self, obj):
        return actions.is_desk(self.request.user) and obj.pending_return

    def initial(self, obj):
        return {}

    action = actions.redispatch


step = RequestActionView.step
ReturnView = step(
    actions.return_request, ReasonForm, L("Return to the desk"), object_test=actions.may_return
)
ContactView = step(
    actions.contact_caller, ContactForm, L("Contacted the caller"), object_test=actions.may_contact
)
AcceptView = step(actions.accept, title=L("Accept"), object_test=task_allows("accept"))
AnswerView = step(
    actions.answer, AnswerForm, L("Answer"), object_test=task_allows("request_closure")
)


class CallbackView(RequestActionView):
    """The callback (回访) form with what the caller needs: the phone masked (shown in full
    on a recorded POST with ``reveal``), the unit's answer, and the earlier callback of a
    reopened request. Nothing is preset."""

    form_class = CallbackForm
    title = gettext_lazy("Call back")
    template_name = "livelihood/callback_form.html"
    select_related = ("task__lead_unit", "category", "town", "village")
    revealed = None

    def allowed(self, obj):
        return actions.is_desk(self.request.user) and obj.status == "answered"

    def get_extra_context(self, obj):
        task = obj.task
        return {
            "answer": task.result if task else "",
            "reopened": task is not None and was_reopened(task),
            "earlier_callbacks": obj.callbacks.filter(task=task).select_related("called_by"),
            "can_reveal": actions.may_reveal(self.request.user, models.CitizenRequest),
            "revealed": self.revealed,
        }

    def post(self, request, pk=None, **kwargs):
        if "reveal" not in request.POST:
            return super().post(request, pk, **kwargs)
        self.object = obj = self.get_object(pk)
        self.revealed = actions.reveal(obj, actor=request.user)
        return self.render_form(obj, self.get_form(obj))

    action = actions.callback


# -- rates, red-and-black list, hot spots, classifier ----------------------------------


class RatesView(ObjectMixin, View):
    model = models.CitizenRequest

    def context(self, request, form=None):
        year, month, error = periods.month(request.GET)
        if error:
            messages.error(request, error)
        result = rates_for(self.restricted("view"), year, month)
        may_edit = request.user.has_perm("livelihood.change_rateweights")
        return {
            "year": year,
            "month": month,
            "month_value": periods.month_label(year, month),
            **result,
            "weights_form": (form or WeightsForm(instance=result["weights"])) if may_edit else None,
            "chart": {
                "names": [r["name"] for r in result["rows"]],
                "composite": [r["composite"] for r in result["rows"]],
                "label": _("Composite score"),
            },
        }

    def get(self, request):
        self.require_permission("view")
        return render(request, "livelihood/rates.html", self.context(request))

    def post(self, request):
        self.require_permission("view")
        if not request.user.has_perm("livelihood.change_rateweights"):
            raise PermissionDenied
        form = WeightsForm(request.POST, instance=models.RateWeights.current())
        if form.is_valid():
            form.save()
            messages.success(request, _("Saved."))
            return HttpResponseRedirect(request.get_full_path())
        return render(request, "livelihood/rates.html", self.context(request, form), status=400)


class NoticeView(ObjectMixin, View):
    model = models.CitizenRequest

    def get(self, request):
        self.require_permission("view")
        year, month, error = periods.month(request.GET)
        if error:
            messages.error(request, error)
            return HttpResponseRedirect(reverse("livelihood:rates"))
        requests = self.restricted("view")
        result = rates_for(requests, year, month)
        illustrative = requests.filter(is_illustrative=True).exists()
        content = rates_notice(
            result,
            year=year,
            month=month,
            issuer=organ_name(request.user.unit),
            illustrative=illustrative,
            dated=timezone.localdate(),
        )
        return docx_response(f"三率红黑榜通报-{year}年{month}月.docx", content)


class HotSpotsView(ReportView):
    model = models.CitizenRequest
    template_name = "livelihood/hotspots.html"
    period = "day"

    def report(self, as_of):
        result = hot_spots_for(self.restricted("view"), as_of)
        chart = {
            "categories": [k for k, _v in result["by_category"]],
            "category_counts": [v for _k, v in result["by_category"]],
            "towns": [k for k, _v in result["by_town"]],
            "town_counts": [v for _k, v in result["by_town"]],
            "label": _("Requests"),
        }
        return {
            **result,
            "chart": chart,
            "window": services.HOT_SPOT_WINDOW_DAYS,
            "threshold": services.HOT_SPOT_THRESHOLD,
        }


class ClassifierView(ObjectMixin, View):
    model = models.CitizenRequest

    def get(self, request):
        self.require_permission("add")
        context = {
            **suggest.status(),
            "can_train": request.user.has_perm("livelihood.train_dispatchmodel"),
        }
        return render(request, "livelihood/classifier.html", context)

    def post(self, request):
        self.require_permission("add")
        if not request.user.has_perm("livelihood.train_dispatchmodel"):
            raise PermissionDenied
        try:
            stored = suggest.train_from_history(actor=request.user)
        except suggest.NotEnoughHistory as exc:
            messages.error(
                request, _("Not enough history to learn from: %(detail)s") % {"detail": exc}
            )
        else:
            messages.success(
                request,
                _("Trained on %(n)s requests in %(s)s s.")
                % {"n": stored.samples, "s": stored.seconds},
            )
        return HttpResponseRedirect(reverse("livelihood:classifier"))


# -- configuration ---------------------------------------------------------------------


class CategoryListView(ObjectListView):
    model = models.RequestCategory
    select_related = ("parent", "default_unit")
    columns = [
        Column("name", gettext_lazy("Name"), accessor=str, link=True),
        *fields("default_unit is_active"),
    ]
    ordering = ("parent__sort_order", "parent__name", "sort_order")


class FieldsDetailView(NoDeleteMixin, ObjectDetailView):
    """Reference data: the table of its ``fields``; edited, never deleted."""


class CategoryDetailView(FieldsDetailView):
    model = models.RequestCategory
    select_related = ("parent", "default_unit")
    fields = ("name", "parent", "default_unit", "is_active")


class TimeLimitListView(ObjectListView):
    model = models.TimeLimit
    columns = [
        Column("request_type", gettext_lazy("Type"), link=True),
        *fields("handling_days basis response_days"),
    ]


class TimeLimitDetailView(FieldsDetailView):
    model = models.TimeLimit
    fields = ("request_type", "handling_days", "basis", "response_days")


class TimeLimitEditView(ObjectEditView):
    model = models.TimeLimit
    form_class = TimeLimitForm

    def get_object(self, pk):
        if pk is None:
            raise PermissionDenied
        return super().get_object(pk)


# -- households ------------------------------------------------------------------------


RISK_LABELS = dict(RiskCause.choices)


def _alert(h):
    value = services.income_alert(h.income_per_capita, getattr(h, "line", None))
    return {"below": _("Below the line"), "near": _("Within 10% above the line")}.get(value)


HOUSEHOLD_COLUMNS = [
    *fields("head_name village household_type id_masked members"),
    Column("income_per_capita", gettext_lazy("Per-capita net income (yuan)")),
    Column("line", gettext_lazy("Monitoring line (yuan)"), accessor=lambda h: h.line),
    Column("alert", gettext_lazy("Alert"), accessor=_alert),
    *fields("cadre elimination"),
]


def _with_line(qs):
    line = models.MonitoringLine.objects.filter(year=OuterRef("income_year")).values("amount")[:1]
    return qs.annotate(line=Subquery(line))


class HouseholdListView(ObjectListView):
    model = models.MonitoredHousehold
    filterset_class = HouseholdFilter
    columns = HOUSEHOLD_COLUMNS
    template_name = "livelihood/household_list.html"
    tools = [
        Tool("livelihood:monitoredhousehold_import", "import-households"),
        Tool("livelihood:assistancemeasure_import", "import-measures"),
    ]

    def get_queryset(self):
        qs = _with_line(super().get_queryset())
        alert = self.request.GET.get("alert")
        if alert == "below":
            qs = qs.filter(income_per_capita__lt=F("line"))
        elif alert == "near":
            near = ExpressionWrapper(F("line") * services.NEAR_LINE, output_field=DecimalField())
            qs = qs.filter(Q(income_per_capita__gte=F("line")) & Q(income_per_capita__lt=near))
        elif alert == "review":
            # The yearly review list: every household still at risk, by village.
            qs = qs.exclude(elimination="eliminated")
        return qs


class HouseholdDetailView(NoDeleteMixin, ObjectDetailView):
    model = models.MonitoredHousehold
    template_name = "livelihood/household_detail.html"
    select_related = ("village", "reviewed_by", "proposed_by")
    revealed = None

    def get_object(self, pk):
        return get_object_or_404(_with_line(self.restricted("view")), pk=pk)

    def get_extra_context(self, obj):
        user = self.request.user
        return {
            "alert": _alert(obj),
            "measures": obj.measures.select_related("task__lead_unit"),
            "can_reveal": actions.may_reveal(user, models.MonitoredHousehold),
            "revealed": self.revealed,
            "can_add_measure": user.has_perm("livelihood.add_assistancemeasure")
            and obj.elimination != "eliminated",
            "can_propose": obj.elimination == "none" and can(user, "change", obj),
            "can_review": obj.elimination == "proposed"
            and user.has_perm("livelihood.review_elimination")
            and obj.proposed_by_id != user.pk,
            "risk_labels": [RISK_LABELS.get(c, c) for c in obj.risk_causes],
        }


class RevealHouseholdView(RevealMixin, HouseholdDetailView):
    pass


class HouseholdActionView(ActionFormView):
    model = models.MonitoredHousehold
    select_related = ("village",)


class MeasureView(HouseholdActionView):
    form_class = MeasureForm
    title = gettext_lazy("Add an assistance measure")

    requires = ("livelihood.add_assistancemeasure",)

    def initial(self, obj):
        return {"lead_unit": obj.village.parent_id}

    action = actions.add_measure


step = HouseholdActionView.step
ProposeView = step(
    actions.propose_elimination,
    ReasonForm,
    L("Propose that the risk is eliminated"),
    scope_test="change",
)
ReviewView = step(
    actions.review_elimination,
    ReviewForm,
    L("Review the elimination"),
    requires=("livelihood.review_elimination",),
)


# -- mutual-aid funds ------------------------------------------------------------------


class FundListView(ObjectListView):
    model = models.MutualAidFund
    select_related = ("village__parent",)
    columns = [
        *fields("name village"),
        Column("town", gettext_lazy("Town"), accessor=lambda f: f.village.parent),
    ]


class FundDetailView(ReadOnlyMixin, ObjectDetailView):
    model = models.MutualAidFund
    template_name = "livelihood/fund_detail.html"
    select_related = ("village",)
    permission_flags = {
        "can_record": "livelihood.add_fundentry",
        "can_approve": "livelihood.approve_fundentry",
    }

    def get_extra_context(self, obj):
        totals, by_reason = fund_figures(obj)
        entries = obj.entries.select_related("recorded_by", "approved_by", "corrects")
        page = paged(self.request, entries.order_by("-date", "-pk"))["page_obj"]
        return {
            "totals": totals,
            "by_reason": by_reason,
            "page_obj": page,
        }


class EntryAddView(ActionFormView):
    model = models.MutualAidFund
    form_class = EntryForm
    title = gettext_lazy("Record an entry")

    requires = ("livelihood.add_fundentry",)
    today = ("date",)

    action = actions.record_entry


class EntryActionView(ActionFormView):
    model = models.FundEntry
    select_related = ("fund",)

    def meta_context(self):
        # Entries have no list of their own: they are listed on their fund's page.
        opts = models.FundEntry._meta
        return {
            "opts": opts,
            "verbose_name": opts.verbose_name,
            "verbose_name_plural": models.MutualAidFund._meta.verbose_name_plural,
            "can_add": False,
            "list_url": reverse("livelihood:mutualaidfund_list"),
        }


step = EntryActionView.step
ApproveView = step(
    actions.approve_entry,
    title=L("Approve the entry"),
    requires=("livelihood.approve_fundentry",),
)
CorrectView = step(
    actions.correct_entry,
    CorrectionForm,
    L("Correct the entry"),
    requires=("livelihood.add_fundentry",),
)


class FundNoticeView(LoginRequiredMixin, View):
    """The public notice (公示) of a fund: totals and aid by reason, no personal data.
    Every signed-in user may read it, so it shows aggregates only."""

    def get(self, request, pk):
        fund = get_object_or_404(
            models.MutualAidFund._base_manager.select_related("village"), pk=pk
        )
        totals, by_reason = fund_figures(fund)
        approved = models.FundEntry.objects.filter(fund=fund, status=EntryStatus.APPROVED)
        context = {
            "fund": fund,
            "totals": totals,
            "by_reason": by_reason,
            "donations": approved.filter(kind=EntryKind.DONATION, corrects__isnull=True).count(),
            "aids": approved.filter(kind=EntryKind.AID, corrects__isnull=True).count(),
            "as_of": timezone.localdate(),
        }
        return render(request, "livelihood/fund_notice.html", context)


# -- coverage --------------------------------------------------------------------------


IMPORT_COVERAGE = importer.PERMISSIONS


class CoverageView(ReportView):
    model = models.CoverageRecord
    template_name = "livelihood/coverage.html"
    permission_flags = {
        "can_import": IMPORT_COVERAGE,
        "can_follow_up": ("livelihood.change_coveragerecord", "tasks.add_task"),
    }

    def report(self):
        request = self.request
        years = list(
            self.restricted("view").order_by("-year").values_list("year", flat=True).distinct()
        )
        try:
            year = int(
                request.GET.get("year") or (years[0] if years else timezone.localdate().year)
            )
        except ValueError:
            year = timezone.localdate().year
        targets = dict(
            models.CoverageTarget.objects.filter(year=year).values_list("scheme", "rate")
        )
        records = (
            self.restricted("view").filter(year=year).select_related("village__parent", "task")
        )
        rows = services.coverage_rows(records, targets)
        totals = services.coverage_totals(rows, targets)
        return {
            "year": year,
            "years": years,
            "rows": rows,
            "totals": totals,
            "follow_up_form": FollowUpForm(initial={"year": year}),
        }


class CoverageImportView(ImportView):
    """The social security bureau's sheet: upload with the year, preview, confirm; a
    village's record of that year and scheme is updated, never duplicated."""

    model = models.CoverageRecord
    form_class = CoverageImportForm
    template_name = "livelihood/coverage_import.html"
    title = gettext_lazy("Import coverage figures")
    columns = importer.HEADERS

    requires = IMPORT_COVERAGE
    this_year = ("year",)

    def year(self) -> int:
        form = CoverageImportForm(self.request.POST)
        if not form.is_valid():
            raise WorkbookError(
                _("Give the year of the figures (%(min)s to %(max)s).")
                % {"min": importer.MIN_YEAR, "max": importer.MAX_YEAR}
            )
        return form.cleaned_data["year"]

    def imported_url(self, obj):
        return f"{reverse('livelihood:coveragerecord_list')}?year={self.year()}"

    def import_file(self, obj, file):
        return importer.import_coverage(
            file, actor=self.request.user, year=self.year(), valid_only=self.valid_only
        )


CoverageTemplateView = CoverageImportView.template_view(
    gettext_lazy("Coverage import template.xlsx"), importer.coverage_template
)


class FollowUpView(ObjectMixin, View):
    model = models.CoverageRecord

    def post(self, request):
        form = FollowUpForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give a year."))
            return HttpResponseRedirect(reverse("livelihood:coveragerecord_list"))
        year = form.cleaned_data["year"]
        count = actions.raise_follow_ups(actor=request.user, year=year, as_of=timezone.localdate())
        messages.success(request, _("Follow-up tasks raised: %(n)s") % {"n": count})
        return HttpResponseRedirect(f"{reverse('livelihood:coveragerecord_list')}?year={year}")


# -- access log ------------------------------------------------------------------------


def _label(choices, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def _field_labels(fields: str) -> str:
    """``name,phone`` as 申请人姓名、申请人电话."""
    return "、".join(_label(PersonalField, f.strip()) for f in fields.split(",") if f.strip())


class AccessLogView(ObjectListView):
    model = models.PersonalDataAccess
    select_related = ("viewer", "unit", "content_type")
    columns = [
        *fields("at viewer"),
        Column("content_type", gettext_lazy("Record type"), accessor=lambda a: a.content_type.name),
        Column("object_repr"),
        Column("fields", gettext_lazy("Fields"), accessor=lambda a: _field_labels(a.fields)),
        Column(
            "purpose", gettext_lazy("Purpose"), accessor=lambda a: _label(AccessPurpose, a.purpose)
        ),
        Column("unit"),
    ]
    table_template = "livelihood/_access_table.html"


# -- yearly reference figures: monitoring lines and coverage targets -------------------


class LineListView(ObjectListView):
    model = models.MonitoringLine
    columns = [
        Column("year", link=True),
        Column("amount", gettext_lazy("Monitoring line (yuan)")),
        Column("source"),
    ]


class LineDetailView(FieldsDetailView):
    model = models.MonitoringLine
    fields = ("year", "amount", "source")


class TargetListView(ObjectListView):
    model = models.CoverageTarget
    columns = fields("year scheme rate")


class TargetDetailView(FieldsDetailView):
    model = models.CoverageTarget
    fields = ("year", "scheme", "rate")
