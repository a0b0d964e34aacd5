from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from mingzhu.core.actions import ActionConflict, ActionError
from mingzhu.core.scope import restrict
from mingzhu.core.tables import Column
from mingzhu.core.views import (
    ActionFormView,
    ObjectDetailView,
    ObjectHistoryView,
    ObjectListView,
    ObjectMixin,
    ReadOnlyMixin,
)

from . import actions
from .choices import ResultStatus
from .forms import ComputeForm, ItemFormSet, RuleFormSet, SchemeForm
from .models import AppraisalResult, FlagAward, ResultRow, Scheme
from .notice import notice_for

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _errors(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [m for msgs in exc.message_dict.values() for m in msgs]
    return list(exc.messages)


def flag_board(user) -> dict:
    """Who holds which flag: the latest published quarter of every flag-awarding scheme,
    the towns keeping a red flag for good, and the published history."""
    awards = list(
        restrict(FlagAward.objects.all(), user, "view")
        .select_related("unit", "result__scheme")
        .order_by("-year", "-quarter", "colour")
    )
    history: dict[tuple[int, int, str], dict] = {}
    for a in awards:
        key = (a.year, a.quarter, a.result.scheme_code)
        row = history.setdefault(
            key,
            {"label": f"{a.year}Q{a.quarter}", "result": a.result, "red": [], "yellow": []},
        )
        row[a.colour].append(a)
    rows = list(history.values())
    latest = rows[0] if rows else None
    kept = {}
    for a in awards:
        if a.kept_for_good:
            kept.setdefault(a.unit_id, a)
    return {"latest": latest, "history": rows, "kept": list(kept.values())}


class BoardView(ObjectMixin, View):
    model = AppraisalResult

    def get(self, request):
        self.require_permission("view")
        context = {**self.meta_context(), **flag_board(request.user)}
        context["can_compute"] = actions.may_compute(request.user)
        return render(request, "appraisal/board.html", context)


class ResultListView(ObjectListView):
    model = AppraisalResult
    select_related = ("scheme", "published_by")
    export_filename = "appraisal-results"
    columns = [
        Column("label", gettext_lazy("Quarter"), link=True),
        Column("scheme", gettext_lazy("Scheme")),
        Column("status", gettext_lazy("Status")),
        Column("published_at", gettext_lazy("Published at")),
        Column("published_by", gettext_lazy("Published by")),
    ]

    def meta_context(self):
        # "Add" on the list is computing a quarter (results/add/).
        return {**super().meta_context(), "can_add": actions.may_compute(self.request.user)}


class ResultDetailView(ReadOnlyMixin, ObjectDetailView):
    model = AppraisalResult
    template_name = "appraisal/result_detail.html"
    select_related = ("scheme", "issuer", "published_by", "computed_by")

    def get_extra_context(self, obj):
        user = self.request.user
        rows = list(
            restrict(ResultRow.objects.filter(result=obj), user, "view")
            .select_related("unit")
            .order_by("rank")
        )
        items = list(obj.scheme.items.all())
        flags = {f.unit_id: f for f in obj.flags.all()}
        table = [
            {
                "row": r,
                "values": [r.items.get(i.code) for i in items],
                "points": [r.points.get(i.code) for i in items],
                "award": flags.get(r.unit_id),
            }
            for r in rows
        ]
        draft = obj.status == ResultStatus.DRAFT
        return {
            "items": items,
            "rules": list(obj.scheme.rules.all()),
            "table": table,
            "chart": {
                "names": [r.unit.short_name or r.unit.name for r in rows],
                "scores": [float(r.score) for r in rows],
                "flags": [r.flag for r in rows],
                "label": _("Score"),
            },
            "can_publish": draft and actions.may_publish(user),
            "can_compute": draft and actions.may_compute(user),
        }


ResultHistoryView = ResultDetailView.as_history()


class ComputeView(ActionFormView):
    """Compute a quarter: the result is kept as a draft (computing again replaces it)."""

    model = AppraisalResult
    form_class = ComputeForm
    template_name = "appraisal/compute.html"

    def get_object(self, pk):
        if not actions.may_compute(self.request.user):
            raise PermissionDenied

    def initial(self, obj):
        fields = {"scheme": "scheme_code", "quarter": "quarter"}
        return {fields[k]: v for k, v in self.request.GET.items() if k in fields and v}

    def run(self, obj, form):
        year, quarter = form.cleaned_data["quarter"]
        try:
            return actions.compute_result(
                actor=self.request.user,
                scheme_code=form.cleaned_data["scheme_code"],
                year=year,
                quarter=quarter,
            )
        except ValidationError as exc:
            # The scheme's and the inputs' refusals are shown above the form.
            raise ValidationError(_errors(exc)) from exc

    def get_success_message(self, result):
        return _("Computed: %(result)s") % {"result": result}


class PublishView(ObjectMixin, View):
    model = AppraisalResult

    def post(self, request, pk):
        result = get_object_or_404(self.restricted("view"), pk=pk)
        if not actions.may_publish(request.user):
            raise PermissionDenied
        try:
            actions.publish_result(result.pk, actor=request.user)
        except ActionConflict as exc:
            messages.warning(request, str(exc))
        except ActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Published: %(result)s") % {"result": result})
        return HttpResponseRedirect(result.get_absolute_url())


class NoticeView(ObjectMixin, View):
    model = AppraisalResult

    def get(self, request, pk):
        self.require_permission("view")
        result = get_object_or_404(
            self.restricted("view").select_related("scheme", "issuer"), pk=pk
        )
        response = HttpResponse(notice_for(result), content_type=DOCX)
        from urllib.parse import quote

        name = quote(f"通报-{result.label}-{result.scheme_code}.docx")
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
        return response


class SchemeListView(ObjectListView):
    model = Scheme
    columns = [
        Column("name", gettext_lazy("Name"), link=True),
        Column("code", gettext_lazy("Code")),
        Column("version", gettext_lazy("Version")),
        Column("subject", gettext_lazy("Appraised units")),
        Column("method", gettext_lazy("Scoring method")),
        Column("created_at", gettext_lazy("Created")),
    ]


class SchemeDetailView(ObjectDetailView):
    model = Scheme
    template_name = "appraisal/scheme_detail.html"

    def object_context(self, obj):
        from mingzhu.core.views import model_url

        # Versions are never changed in place (the edit page saves the next version) and
        # never deleted.
        return {
            **self.meta_context(),
            "object": obj,
            "tab": self.tab,
            "detail_url": model_url(Scheme, "detail", obj.pk),
            "history_url": model_url(Scheme, "history", obj.pk),
            "edit_url": model_url(Scheme, "edit", obj.pk),
            "can_change": obj.is_current and self.request.user.has_perm(actions.EDIT),
            "can_delete": False,
        }

    def get_extra_context(self, obj):
        return {
            "items": list(obj.items.all()),
            "rules": list(obj.rules.all()),
            "versions": obj.versions(),
            "results": restrict(obj.results.all(), self.request.user, "view"),
        }


class SchemeHistoryView(ObjectHistoryView):
    model = Scheme


class SchemeEditView(ObjectMixin, View):
    model = Scheme

    def get_scheme(self, pk):
        if not self.request.user.has_perm(actions.EDIT):
            raise PermissionDenied
        return get_object_or_404(Scheme, pk=pk)

    def render_page(self, scheme, form, items, rules, errors=(), status=200):
        context = {
            **self.meta_context(),
            "object": scheme,
            "form": form,
            "items": items,
            "rules": rules,
            "errors": errors,
        }
        return render(self.request, "appraisal/scheme_edit.html", context, status=status)

    def get(self, request, pk):
        scheme = self.get_scheme(pk)
        form = SchemeForm(initial={"name": scheme.name, "tie_break": scheme.tie_break})
        items = ItemFormSet(
            prefix="items",
            initial=[
                {
                    "code": i.code,
                    "name": i.name,
                    "weight": i.weight,
                    "cap": i.cap,
                    "lower_is_better": i.lower_is_better,
                }
                for i in scheme.items.all()
            ],
        )
        rules = RuleFormSet(
            prefix="rules",
            initial=[
                {"code": r.code, "name": r.name, "points": r.points} for r in scheme.rules.all()
            ],
        )
        return self.render_page(scheme, form, items, rules)

    def post(self, request, pk):
        scheme = self.get_scheme(pk)
        form = SchemeForm(request.POST)
        items = ItemFormSet(request.POST, prefix="items")
        rules = RuleFormSet(request.POST, prefix="rules")
        if not (form.is_valid() and items.is_valid() and rules.is_valid()):
            return self.render_page(scheme, form, items, rules, status=400)

        def kept(formset):
            return [
                f.cleaned_data
                for f in formset.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]

        try:
            new = actions.save_scheme_version(
                scheme.pk,
                actor=request.user,
                name=form.cleaned_data["name"],
                tie_break=form.cleaned_data["tie_break"],
                note=form.cleaned_data["note"],
                items=kept(items),
                rules=kept(rules),
            )
        except ValidationError as exc:
            return self.render_page(scheme, form, items, rules, _errors(exc), status=400)
        except ActionConflict as exc:
            return self.render_page(scheme, form, items, rules, [str(exc)], status=409)
        messages.success(request, _("Saved as version %(version)s.") % {"version": new.version})
        return HttpResponseRedirect(new.get_absolute_url())
