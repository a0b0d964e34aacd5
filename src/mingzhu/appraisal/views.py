from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from mingzhu.core.actions import ActionConflict
from mingzhu.core.scope import restrict
from mingzhu.core.tables import Column, fields
from mingzhu.core.views import (
    ActionButtonView,
    ActionFormView,
    DocxView,
    NoDeleteMixin,
    ObjectDetailView,
    ObjectListView,
    ObjectMixin,
    ReadOnlyMixin,
)

from . import actions
from .board import flag_board
from .choices import ResultStatus
from .forms import ComputeForm, ItemFormSet, RuleFormSet, SchemeForm
from .models import AppraisalResult, ResultRow, Scheme
from .notice import notice_for
from .scoring import item_text


class BoardView(ObjectMixin, View):
    model = AppraisalResult

    def get(self, request):
        self.require_permission("view")
        context = {**self.meta_context(), **flag_board(request.user)}
        context["can_compute"] = actions.may_compute(request.user)
        return render(request, "appraisal/board.html", context)


class ResultListView(ObjectListView):
    model = AppraisalResult
    columns = [
        Column("label", gettext_lazy("Quarter"), link=True),
        *fields("scheme status published_at published_by"),
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
                "values": [item_text(i.name, r.items.get(i.code)) for i in items],
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
            "can_publish": draft
            and actions.may_publish(user)
            and obj.has_ended_by(timezone.localdate()),
            "can_compute": draft and actions.may_compute(user),
        }


class ComputeView(ActionFormView):
    """Compute a quarter: the result is kept as a draft (computing again replaces it)."""

    model = AppraisalResult
    form_class = ComputeForm
    template_name = "appraisal/compute.html"
    title = gettext_lazy("Compute a quarter")
    success_message = gettext_lazy("Computed: %(object)s")

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
            raise ValidationError(exc.messages) from exc


class PublishView(ActionButtonView):
    model = AppraisalResult

    user_test = actions.may_publish
    success_message = gettext_lazy("Published: %(object)s")

    def run(self, result):
        actions.publish_result(result.pk, actor=self.request.user)
        return result


class NoticeView(DocxView):
    model = AppraisalResult
    select_related = ("scheme", "issuer")

    def document(self, result):
        return f"通报-{result.label}-{result.scheme_code}.docx", notice_for(result)


class SchemeListView(ObjectListView):
    model = Scheme
    columns = [
        *fields("name code version subject method"),
        Column("created_at", gettext_lazy("Created")),
    ]


class SchemeDetailView(NoDeleteMixin, ObjectDetailView):
    """Versions are never changed in place (the edit page of the current version saves
    the next one) and never deleted."""

    model = Scheme

    def _may(self, action, obj):
        return obj.is_current and self.request.user.has_perm(actions.EDIT)

    def get_extra_context(self, obj):
        return {
            "items": list(obj.items.all()),
            "rules": list(obj.rules.all()),
            "versions": obj.versions(),
            "results": restrict(obj.results.all(), self.request.user, "view"),
        }


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
            return self.render_page(scheme, form, items, rules, exc.messages, status=400)
        except ActionConflict as exc:
            return self.render_page(scheme, form, items, rules, [str(exc)], status=409)
        messages.success(request, _("Saved as version %(version)s.") % {"version": new.version})
        return HttpResponseRedirect(new.get_absolute_url())
