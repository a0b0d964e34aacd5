from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from mingzhu.core.actions import ActionError
from mingzhu.core.excel import write_xlsx, xlsx_response
from mingzhu.core.replica import HeavyReadMixin
from mingzhu.core.scope import can
from mingzhu.core.tables import Column, fields
from mingzhu.core.views import (
    ActionFormView,
    ObjectDetailView,
    ObjectListView,
    ObjectMixin,
    ReadOnlyMixin,
)

from . import actions, services
from .filters import DocumentFilter
from .forms import AdoptForm, LoadForm, item_formset, target_formset
from .models import LeadRule, PolicyDocument


def _state(document) -> str:
    return _("Adopted") if document.is_adopted else _("Draft")


class DocumentListView(ObjectListView):
    model = PolicyDocument
    select_related = ("issuer", "task_list")
    filterset_class = DocumentFilter
    columns = [
        Column("title", link=True),
        *fields("author year issuer"),
        Column("state", gettext_lazy("State"), accessor=_state),
        *fields("task_list adopted_on"),
    ]

    def get_queryset(self):
        return super().get_queryset().defer("text")


def _items(document):
    """The document's items with their units, leaders and tasks, as the pages show them."""
    return document.items.select_related(
        "lead_unit", "leader", "task__lead_unit", "task__leader"
    ).prefetch_related("co_units", "task__co_units")


class DocumentDetailView(ReadOnlyMixin, ObjectDetailView):
    """The text with every item and target highlighted, beside the draft table. A document
    changes through its table and its adoption: no edit or delete page."""

    model = PolicyDocument
    select_related = ("issuer", "task_list", "loaded_by", "adopted_by")

    def get_extra_context(self, obj, items=None, targets=None, adopt_form=None):
        user = self.request.user
        editable = not obj.is_adopted and can(user, "change", obj)
        rows = list(_items(obj))
        target_rows = list(obj.targets.select_related("indicator", "target", "item"))
        pieces = services.segments(
            obj.text,
            [(i.code, i.start, i.end) for i in rows],
            [(n, t.start, t.end) for n, t in enumerate(target_rows, start=1)],
        )
        items = items or (item_formset(obj, user=user) if editable else None)
        services.mark_sources(
            obj, [f.instance for f in items.forms] if items is not None else rows, target_rows
        )
        return {
            "editable": editable,
            "can_adopt": editable and user.has_perm(actions.ADOPT_PERMISSION),
            "pieces": pieces,
            "rows": rows,
            "target_rows": target_rows,
            "items": items,
            "targets": targets or (target_formset(obj) if editable else None),
            "adopt_form": adopt_form or AdoptForm(user=user),
            "default_deadline": services.year_end(obj.year),
        }


class LoadView(ActionFormView):
    """Upload or paste a document: it is decomposed and its draft table shown."""

    model = PolicyDocument
    form_class = LoadForm
    template_name = "documents/load.html"

    def run(self, obj, form):
        upload = form.cleaned_data["file"]
        try:
            return actions.load_document(
                actor=self.request.user,
                text=form.cleaned_data["text"],
                data=upload.read() if upload is not None else None,
                filename=upload.name if upload is not None else "",
                title=form.cleaned_data["title"],
                source=form.cleaned_data["source"],
            )
        except ActionError as exc:
            raise ValidationError({"file" if upload is not None else "text": str(exc)}) from exc

    def get_success_message(self, document):
        return _("Decomposed: %(items)s items, %(targets)s targets.") % {
            "items": document.items.count(),
            "targets": document.targets.count(),
        }


class DocumentActionView(ObjectMixin, View):
    model = PolicyDocument

    def get_document(self, pk):
        return get_object_or_404(self.restricted("view"), pk=pk)

    def rerender(self, document, status=400, **forms):
        detail = DocumentDetailView()
        detail.setup(self.request, pk=document.pk)
        context = {**detail.object_context(document), **detail.get_extra_context(document, **forms)}
        return render(self.request, "documents/policydocument_detail.html", context, status=status)


class SaveDraftView(DocumentActionView):
    def post(self, request, pk):
        document = self.get_document(pk)
        if not can(request.user, "change", document):
            raise PermissionDenied
        items = item_formset(document, request.POST, user=request.user)
        targets = target_formset(document, request.POST)
        if items.is_valid() and targets.is_valid():

            def changes(formset):
                return [
                    {"id": f.instance.pk, **{k: f.cleaned_data[k] for k in f.changed_data}}
                    for f in formset.forms
                    if f.has_changed()
                ]

            try:
                actions.save_draft(
                    document.pk, actor=request.user, items=changes(items), targets=changes(targets)
                )
            except (ActionError, ValidationError) as exc:
                messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
            else:
                messages.success(request, _("The table is saved."))
                return HttpResponseRedirect(document.get_absolute_url())
        return self.rerender(document, items=items, targets=targets)


class AdoptView(DocumentActionView, ActionFormView):
    """Adopting the document as a task list, from its page (POST only): refused, the
    document's page again with the form (400)."""

    form_class = AdoptForm
    http_method_names = ["post"]

    action = actions.adopt
    follow_result = True

    def form_kwargs(self, obj):
        return {"user": self.request.user}

    def get_success_message(self, task_list):
        return _("Adopted as the task list %(list)s.") % {"list": task_list}

    def success_url(self, task_list):
        return self.object.get_absolute_url()

    def render_form(self, obj, form, status=200):
        return self.rerender(obj, status, adopt_form=form)


class ExportView(HeavyReadMixin, DocumentActionView):
    """The 任务分解表: 序号, 任务内容, 牵头单位, 配合单位, 责任领导, 完成时限."""

    def get(self, request, pk):
        document = self.get_document(pk)
        content = write_xlsx(
            "任务分解表",
            services.EXPORT_HEADERS,
            services.export_rows(services.table_rows(_items(document), document.year)),
            scope=document.title,
        )
        return xlsx_response(f"{document.title}-任务分解表.xlsx", content)


class LeadRuleListView(ObjectListView):
    model = LeadRule
    select_related = ("unit",)
    columns = [
        Column("keyword", link=True),
        *fields("unit unit_name priority is_active"),
    ]


class LeadRuleDetailView(ObjectDetailView):
    model = LeadRule
    select_related = ("unit",)
