from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mingzhu.core.actions import ActionConflict
from mingzhu.core.reports import ReportView
from mingzhu.core.tables import Column, fields
from mingzhu.core.views import (
    ActionButtonView,
    ActionFormView,
    DocxView,
    FormPageView,
    NoDeleteMixin,
    ObjectDetailView,
    ObjectListView,
    ObjectMixin,
    ReadOnlyMixin,
    Related,
)

from . import actions
from .board import flag_board
from .choices import ResultStatus
from .forms import ComputeForm, SchemeEditForms
from .models import AppraisalResult, Scheme
from .notice import notice_for
from .scoring import result_table


class BoardView(ReportView):
    model = AppraisalResult
    template_name = "appraisal/board.html"

    def report(self):
        user = self.request.user
        return {**self.meta_context(), **flag_board(user), "can_compute": actions.may_compute(user)}


class ResultListView(ObjectListView):
    model = AppraisalResult
    columns = [
        Column("label", gettext_lazy("Quarter"), link=True),
        *fields("scheme status published_at published_by"),
    ]
    # "Add" on the list is computing a quarter (results/add/).
    add_test = actions.may_compute


class ResultDetailView(ReadOnlyMixin, ObjectDetailView):
    model = AppraisalResult
    template_name = "appraisal/result_detail.html"
    select_related = ("scheme", "issuer", "published_by", "computed_by")

    def get_extra_context(self, obj):
        user = self.request.user
        rows = list(Related("rows", "unit", order=("rank",)).records(obj, user))
        items = list(obj.scheme.items.all())
        flags = {f.unit_id: f for f in obj.flags.all()}
        draft = obj.status == ResultStatus.DRAFT
        return {
            "items": items,
            "rules": list(obj.scheme.rules.all()),
            "table": result_table(rows, items, flags),
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
    related = {"results": Related("results")}

    def _may(self, action, obj):
        return obj.is_current and self.request.user.has_perm(actions.EDIT)

    def get_extra_context(self, obj):
        return {
            "items": list(obj.items.all()),
            "rules": list(obj.rules.all()),
            "versions": obj.versions(),
        }


class SchemeEditView(ObjectMixin, FormPageView):
    """The editor of a scheme: saving makes its next version; a version saved meanwhile
    refuses the edit (409)."""

    model = Scheme
    template_name = "appraisal/scheme_edit.html"
    form_class = SchemeEditForms

    def may(self, action):
        return self.request.user.has_perm(actions.EDIT)

    def setup_page(self, pk):
        self.scheme = get_object_or_404(Scheme, pk=pk)

    def form_kwargs(self):
        return {"scheme": self.scheme}

    def page_context(self, forms):
        return {
            **self.meta_context(),
            "object": self.scheme,
            "form": forms.form,
            "items": forms.items,
            "rules": forms.rules,
        }

    def save(self, forms):
        try:
            new = actions.save_scheme_version(
                self.scheme.pk, actor=self.request.user, **forms.version()
            )
        except ValidationError as exc:
            return self.render_page(forms, status=400, errors=exc.messages)
        except ActionConflict as exc:
            return self.render_page(forms, status=409, errors=[str(exc)])
        messages.success(
            self.request, _("Saved as version %(version)s.") % {"version": new.version}
        )
        return new.get_absolute_url()
