"""Generic views every module's pages are built from, plus home and the health check.

Every lookup goes through ``restrict(user, action)``: what is outside the user's scope
answers 404; a missing model permission answers 403.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import DatabaseError, IntegrityError, connection, models, transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, resolve, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from mingzhu.notify.choices import JobStatus
from mingzhu.notify.models import BackgroundJob

from . import importjobs, once
from .actions import ActionConflict, ActionError
from .audit import history_for, visible_entries
from .excel import docx_response, scope_label, write_xlsx, xlsx_response
from .forms import ChangeLogFilterForm, EmptyForm, add_errors, refusal_error
from .maps import map_context
from .periods import period
from .prepared import fetch_rows
from .renderers import shown
from .replica import read_heavy
from .results import KeptPaginator
from .scope import can, permission_name, restrict, scope_key, user_scope
from .tables import Column, attributes_for, columns_for
from .tabular import ImportResult, WorkbookError, shown_errors, stage, take_staged
from .templatetags.mingzhu import cell, compact_day

EXPORT_LIMIT = 100_000
log = logging.getLogger("mingzhu.core")


def healthz(request):
    """The liveness and readiness probe: 503 when the database does not answer. The
    reason (which may name the database's host and port) goes to the server's log, not
    to the caller, who may be anybody."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        log.error("healthz: the database does not answer: %s", reason)
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def style_form(form) -> None:
    """Give every widget of a form its Bootstrap class."""
    from django import forms

    for form_field in form.fields.values():
        widget = form_field.widget
        if type(widget) is forms.DateInput:
            # The browser's date picker; it wants ISO dates.
            widget.input_type = "date"
            widget.format = "%Y-%m-%d"
        if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            # Each option is drawn by the form template as a Bootstrap form-check; the
            # group's wrapper carries no input class (form-check-input on the wrapper
            # squeezes its labels to a character a line).
            if widget.attrs.get("class") == "form-check-input":
                del widget.attrs["class"]
            continue
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs.setdefault("class", css)


def style_filter_form(form) -> None:
    """A list's filter form styled as any form; a yes/no filter's empty choice reads
    "All" (a filter left alone keeps every row), not Django's "Unknown"."""
    from django import forms

    style_form(form)
    for form_field in form.fields.values():
        widget = form_field.widget
        if isinstance(widget, forms.NullBooleanSelect):
            widget.choices = [("unknown", _("All")), *widget.choices[1:]]


def table_rows(columns, objects) -> list[tuple]:
    """A table's rows as its templates read them: ``(obj, cells)``, each cell
    ``(column, label, value)``. The column's label is translated once for the page, not
    once per cell (it is the cell's ``data-label`` at phone width)."""
    labelled = [(column, str(column.label)) for column in columns]
    return [
        (obj, [(column, label, column.value(obj)) for column, label in labelled]) for obj in objects
    ]


@lru_cache(maxsize=2048, typed=True)
def _shown_label(label: str) -> str:
    """A column's label escaped (``shown``) once, not once per cell."""
    return shown(label)


def _plain(value) -> bool:
    """Whether a template shows ``value`` as it is (it calls what is callable)."""
    return not callable(value) or getattr(value, "do_not_call_in_templates", False)


def link_cell(obj, value, attrs: str = "", url: str | None = None, inner: str = "") -> str:
    """core/_object_table.html's ``first`` block: the link to the object (``url``, or
    its ``get_absolute_url()``) around ``value`` (or the HTML ``inner``), and the
    illustrative badge of demo rows."""
    if url is None:
        address = getattr(obj, "get_absolute_url", None)
        url = address() if address else ""
    html = f'<a href="{shown(url)}"{attrs}>{inner or shown(cell(value))}</a>'
    if getattr(obj, "is_illustrative", False):
        html += f' <span class="badge badge-illustrative">{shown(_("illustrative"))}</span>'
    return html


def numbered(number, *details) -> str:
    """The line under a card's title: "编号 n · …", the details that are given."""
    return " · ".join([_("No. %(n)s") % {"n": number}, *(str(d) for d in details if d)])


# An id no row has, put in a detail page's address to find where the id goes.
_SOME_ID = 918_273_645_546_372_819


def addresses(model: type[models.Model]) -> Callable[[models.Model], str]:
    """obj → ``obj.get_absolute_url()`` for the rows of one page. Where the model's
    address is ScopedModel's own (its detail page by integer id), the page's address is
    reversed once and each row's id put in it, instead of a ``reverse`` per row."""
    from .models import ScopedModel

    def each(obj) -> str:
        address = getattr(obj, "get_absolute_url", None)
        return address() if address else ""

    if getattr(model, "get_absolute_url", None) is not ScopedModel.get_absolute_url:
        return each
    opts = model._meta
    if not isinstance(opts.pk, models.AutoField | models.BigAutoField):
        return each
    try:
        pattern = reverse(f"{opts.app_label}:{opts.model_name}_detail", args=[_SOME_ID])
    except NoReverseMatch:
        return each
    before, found, after = pattern.partition(str(_SOME_ID))
    if not found or str(_SOME_ID) in after:
        return each
    return lambda obj: each(obj) if obj.pk is None else f"{before}{int(obj.pk)}{after}"


def paged(request, rows, per_page: int = 50) -> dict[str, Any]:
    """A page of ``rows`` as the templates read it: ``page_obj``, the page the query asks
    for, and ``querystring``, the query's other parameters (for the page links)."""
    query = request.GET.copy()
    query.pop("page", None)
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    return {"page_obj": page, "querystring": query.urlencode()}


def model_url(model: type[models.Model], action: str, *args) -> str:
    return reverse(f"{model._meta.app_label}:{model._meta.model_name}_{action}", args=args)


@cache
def has_page(model: type[models.Model], action: str) -> bool:
    """Whether the model has a page for ``action`` without arguments ("list", "add"):
    a model whose records are made by actions elsewhere has no "add" page, and no page
    may offer a link to one."""
    try:
        model_url(model, action)
    except NoReverseMatch:
        return False
    return True


class ObjectMixin(LoginRequiredMixin):
    model: type[models.Model]
    select_related: tuple[str, ...] = ()
    # Query parameters that preset a new record's fields on an edit or action page's form:
    # ids, as the "add" links of a parent's page give them (``?sheet=3``).
    prefill: tuple[str, ...] = ()
    # The page's plural heading, the model's plural name unless given.
    heading: Any = None
    # Who is offered the "add" button (``can_add``): whoever holds the model's add
    # permission, or whom ``add_test(user)`` accepts; nobody where ``addable`` is False
    # (records made elsewhere).
    addable = True
    add_test: Callable[[Any], bool] | None = None
    # {name: "app.codename", or a tuple of them}: whether the user holds it (all of them),
    # added to the page's context (e.g. for an add button).
    permission_flags: dict[str, str | tuple[str, ...]] = {}

    def flags(self) -> dict[str, bool]:
        user = self.request.user
        return {
            name: user.has_perms((perm,) if isinstance(perm, str) else perm)
            for name, perm in self.permission_flags.items()
        }

    def prefilled(self) -> dict[str, int]:
        query = self.request.GET
        return {name: int(query[name]) for name in self.prefill if query.get(name, "").isdigit()}

    def restricted(self, action: str) -> models.QuerySet:
        qs = restrict(self.model._default_manager.all(), self.request.user, action)
        return qs.select_related(*self.select_related) if self.select_related else qs

    def sent_once(self, creating: bool, send):
        """``send()``, the handling of the POST; a form that creates is sent once
        (core.once: a second sending goes to what the first made, else to the list)."""
        if not creating:
            return send()
        return once.sent_once(self.request, send, self.meta_context()["list_url"])

    # Pages of reference data every signed-in user reads elsewhere (``scope_global``) that
    # are here for those who hold the model's view permission alone.
    permission_always = False

    def permitted(self, action: str) -> bool:
        """Whether ``require_permission(action)`` lets the user through."""
        model = self.model
        global_view = action == "view" and getattr(model, "scope_global", False)
        if global_view and not self.permission_always:
            return True
        return self.request.user.has_perm(permission_name(model, action))

    def require_permission(self, action: str) -> None:
        if not self.permitted(action):
            raise PermissionDenied

    def may_list(self) -> bool:
        """Whether the model's list opens for the user: a page links to it (its
        breadcrumb) only then; someone shown one record (their own account) may not
        read the list."""
        return has_page(self.model, "list") and self.permitted("view")

    def may_add(self) -> bool:
        user, add_test = self.request.user, type(self).add_test
        if not self.addable or not has_page(self.model, "add"):
            return False
        if add_test is not None:
            return add_test(user)
        return user.has_perm(permission_name(self.model, "add"))

    def meta_context(self) -> dict[str, Any]:
        opts = self.model._meta
        return {
            "opts": opts,
            "verbose_name": opts.verbose_name,
            "verbose_name_plural": self.heading or opts.verbose_name_plural,
            "can_add": self.may_add(),
            "list_url": model_url(self.model, "list"),
            "list_open": self.may_list(),
        }


@dataclass(frozen=True)
class Tool:
    """A button under a list: a link to the page named ``url_name`` (e.g. the list's
    import page), with its element ``id``, Bootstrap icon and button class. It is
    labelled and shown as the page itself says (an ``ActionFormView``'s ``title`` and
    ``opened_by``) unless ``label`` and ``permissions`` are given."""

    url_name: str
    id: str
    label: Any = None
    permissions: tuple[str, ...] | None = None
    icon: str = "bi-upload"
    css: str = "btn-outline-primary"

    def url(self) -> str:
        return reverse(self.url_name)

    def page(self):
        return resolve(self.url()).func.view_class

    def text(self):
        return self.label or self.page().title

    def shown_to(self, user) -> bool:
        permissions = self.permissions
        return user.has_perms(self.page().opened_by() if permissions is None else permissions)


class ObjectListView(ObjectMixin, View):
    # Columns or their short specs (see ``columns_for``): "field", (name, label, accessor).
    columns: list[Column] = []
    filterset_class = None
    template_name = "core/object_list.html"
    table_template = "core/_object_table.html"
    paginate_by = 50
    # The export's file name (before its date) and sheet name: the model's plural name
    # by default.
    export_filename: str | None = None
    export_sheet: str | None = None
    # Computed values the rows carry besides the columns' own (``Column.computed``),
    # {name: expression}, and the rows' order.
    annotate: dict[str, Any] = {}
    ordering: tuple[str, ...] = ()
    # The page's rows with coordinates on a map, where a tile service is set (core.maps).
    map = False
    # The buttons under the list (``Tool``), each shown to whoever holds its permissions.
    tools: Sequence[Tool] = ()
    # At phone width each row is a card titled by its first column. Where that column is
    # a bare number (an event's, a request's), ``card_heading`` says what the record is
    # about: the card's title and the line under it; the columns named in ``card_hides``
    # are in that title and are left out of the card (the table keeps them).
    card_hides: tuple[str, ...] = ()

    def card_heading(self, obj) -> tuple[str, str] | None:
        """(title, line under it) of ``obj``'s card, or None for the first column's value
        (see ``numbered`` for the line). Kept on each row's object as ``card_heading``."""
        return None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if getattr(cls, "model", None) is not None:
            cls.columns = columns_for(cls.model, cls.columns)

    def get_queryset(self) -> models.QuerySet:
        qs = self.restricted("view")
        # What the columns show comes in the same query as the rows.
        joins = {path for column in self.columns for path in column.joins(self.model)}
        qs = qs.select_related(*sorted(joins)) if joins else qs
        computed = {c.name: c.computed for c in self.columns if c.computed is not None}
        computed.update(self.annotate)
        qs = qs.annotate(**computed) if computed else qs
        return qs.order_by(*self.ordering) if self.ordering else qs

    def get(self, request, *args, **kwargs):
        self.require_permission("view")
        queryset = self.get_queryset()
        filterset = None
        if self.filterset_class is not None:
            filterset = self.filterset_class(
                request.GET or None, queryset=queryset, request=request
            )
            style_filter_form(filterset.form)
            queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
            if filterset.is_bound and not filterset.is_valid():
                queryset = queryset.none()
        if request.GET.get("export") == "xlsx":
            return read_heavy(request, lambda: self.export(queryset))
        page = self.paginate(queryset)
        query = request.GET.copy()
        for name in self.page_parameters:
            query.pop(name, None)
        if type(self).card_heading is not ObjectListView.card_heading:
            for obj in page.object_list:  # read by row_html and the table template alike
                obj.card_heading = self.card_heading(obj)
        rows = table_rows(self.columns, page.object_list)
        context = {
            **self.meta_context(),
            "columns": self.columns,
            "rows": rows,
            "min_depth": min((getattr(o, "depth", 0) for o in page.object_list), default=0),
            "page_obj": page,
            "filterset": filterset,
            "querystring": query.urlencode(),
            "table_template": self.table_template,
            "card_hides": self.card_hides,
            "link_attrs": mark_safe(self.link_attrs),  # the view's own markup, no user text
            "map": map_context(page.object_list) if self.map else None,
            "tools": [tool for tool in self.tools if tool.shown_to(request.user)],
        }
        context["drawn_rows"] = self.drawn_rows(rows, context)
        template = self.table_template if request.htmx else self.template_name
        return render(request, template, context)

    # What names the page in the query string (left out of the links' other parameters).
    page_parameters: tuple[str, ...] = ("page",)

    def drawn_rows(self, rows, context) -> str:
        """The table's rows drawn in Python (``draw_row``), as the table template's loop
        would draw them, or "" to leave them to that loop. A page of fifty rows is a few
        hundred cells: drawn through the template's blocks they took most of a list
        page's time."""
        drawn = []
        for obj, cells in rows:
            row = None
            if all(_plain(value) for _column, _label, value in cells):
                row = self.draw_row(obj, cells, context)
            if row is None:
                return ""
            drawn.append(f"\n    {row}\n  ")
        return mark_safe("".join(drawn))

    def draw_row(self, obj, cells, context) -> str | None:
        """One ``<tr>`` as core/_object_table.html draws it; None where the view's table
        template changes its blocks (a view that draws its own rows overrides this)."""
        if self.table_template != ObjectListView.table_template:
            return None
        return self.row_html(obj, cells)

    # Attributes of the first column's link (core/_object_table.html's ``first`` block).
    link_attrs = ""

    def row_html(self, obj, cells, lead: str = "") -> str:
        """``<tr>``, ``lead`` (cells before the link), the link to the object, then each
        other column as ``draw_cell`` shows it."""
        (first_column, _label, first), *others = cells
        urls = self.__dict__.get("_row_urls")
        if urls is None or urls[0] is not type(obj):
            urls = self.__dict__["_row_urls"] = (type(obj), addresses(type(obj)))
        heading = getattr(obj, "card_heading", None)
        inner = under = ""
        if heading is not None:
            title, line = (shown(part) for part in heading)
            inner = (
                f'<span class="table-only">{shown(cell(first))}</span>'
                f'<span class="card-only card-summary">{title}</span>'
            )
            under = f'<div class="card-only small text-muted fw-normal card-under">{line}</div>'
        link = link_cell(obj, first, self.link_attrs, urls[1](obj), inner) + under
        title = f"card-title {first_column.cell_css}" if first_column.cell_css else "card-title"
        html = [f'<tr>{lead}<td class="{title}">{link}</td>']
        for column, label, value in others:
            if column.name in self.card_hides:
                classes = f"table-only {column.cell_css}" if column.cell_css else "table-only"
            else:
                classes = column.cell_css
            css = f' class="{classes}"' if classes else ""
            html.append(
                f'<td{css} data-label="{_shown_label(label)}">{self.draw_cell(column, value)}</td>'
            )
        html.append("</tr>")
        return "".join(html)

    def draw_cell(self, column, value) -> str:
        """A cell's HTML as the table template's ``cell`` filter shows it (``compact_day``
        in a column of days shown compactly)."""
        if column.compact_day:
            return shown(compact_day(value))
        return shown(cell(value))

    def paginate(self, queryset: models.QuerySet):
        """The page the request asks for. A page may carry ``next_query`` and
        ``previous_query``: its links' parameters, when a page number is not enough."""
        paginator = KeptPaginator(queryset, self.paginate_by)  # kept while unchanged
        return paginator.get_page(self.request.GET.get("page"))

    def export(self, queryset: models.QuerySet):
        name = str(self.export_filename or self.model._meta.verbose_name_plural)
        stamp = timezone.localdate().strftime("%Y%m%d")
        return self.workbook(queryset, f"{name}-{stamp}.xlsx", self.export_sheet or name)

    def export_table(self, queryset: models.QuerySet):
        """The exported sheet's headers and rows: the page's columns by default."""
        rows = ([c.value(obj) for c in self.columns] for obj in queryset[:EXPORT_LIMIT])
        return [str(c.label) for c in self.columns], rows

    def workbook(self, queryset: models.QuerySet, filename: str, sheet: str):
        scope = scope_label(self.request.user, permission_name(self.model, "view"))
        table = self.export_table(queryset)
        return xlsx_response(filename, write_xlsx(str(sheet), *table, scope=scope))


class Related:
    """The records of one of an object's relations that its detail page lists: those in
    the user's scope, with ``select`` joined in and ``prefetch`` fetched, in ``order``
    (the model's own by default), at most ``limit`` of them. Records that belong to the
    object alone (its runs, its instalments) are all listed with ``scoped=False``."""

    def __init__(
        self,
        relation: str,
        *select: str,
        limit: int | None = None,
        order: Sequence[str] = (),
        prefetch: Sequence[str] = (),
        scoped: bool = True,
    ):
        self.relation, self.select, self.limit = relation, select, limit
        self.order, self.prefetch, self.scoped = order, prefetch, scoped

    def records(self, obj, user) -> models.QuerySet:
        manager = getattr(obj, self.relation)
        qs = manager.select_related(*self.select) if self.select else manager.all()
        qs = restrict(qs, user, "view") if self.scoped else qs
        qs = qs.prefetch_related(*self.prefetch) if self.prefetch else qs
        qs = qs.order_by(*self.order) if self.order else qs
        return qs if self.limit is None else qs[: self.limit]


# Set on a record ObjectDetailView.get_object read through ``restricted("view")``.
READ_IN_VIEW_SCOPE = "_mingzhu_read_in_view_scope"


class ObjectDetailView(ObjectMixin, View):
    template_name: str | None = None
    tab = "detail"
    # False for records that change only through their actions (no edit page), or that
    # are never deleted from a page: no button, no permission query, no URL to reverse.
    editable = True
    deletable = True
    # Added to the page's context: {name: Related(...)}, the related records it lists, and
    # the ``permission_flags``.
    related: dict[str, Related] = {}
    # The object's attributes, a table at the top of its page: specs as a list page's
    # columns (``core.tables.attributes_for``); a ``Column`` with ``link`` links the value
    # to its own page. A model without a detail template of its own shows just these.
    fields: Sequence = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if getattr(cls, "model", None) is not None and "fields" in cls.__dict__:
            cls.fields = attributes_for(cls.model, cls.fields)

    def get_object(self, pk) -> models.Model:
        obj = self._read_in_view_scope(pk)
        obj.__dict__[READ_IN_VIEW_SCOPE] = True  # see _may
        return obj

    def _read_in_view_scope(self, pk) -> models.Model:
        """``get_object_or_404(self.restricted("view"), pk=pk)``. Where ``restricted`` is
        not overridden and the key is an integer, the query is the same for every object
        of the model in the user's view scope (``scope_key``), so it is compiled once per
        process (core.prepared) and run with each key."""
        model = self.model
        if type(self).restricted is ObjectMixin.restricted and isinstance(pk, int):
            seen = scope_key(model, self.request.user, "view")
            if seen != ("none",):
                found = fetch_rows(
                    model,
                    ("detail", self.select_related, seen),
                    lambda key: self.restricted("view").filter(pk=key).order_by(),
                    pk,
                )
                if len(found) == 1:
                    return found[0]
                if not found:
                    raise Http404(f"No {model._meta.object_name} matches the given query.")
        return get_object_or_404(self.restricted("view"), pk=pk)

    def get_extra_context(self, obj) -> dict[str, Any]:
        return {}

    def listed_context(self, obj) -> dict[str, Any]:
        user = self.request.user
        return {
            **{name: spec.records(obj, user) for name, spec in self.related.items()},
            **self.flags(),
        }

    def _may(self, action: str, obj) -> bool:
        if self._within_view_scope(action, obj):
            return True
        return self.restricted(action).filter(pk=obj.pk).exists()

    def _within_view_scope(self, action: str, obj) -> bool:
        """Whether ``restricted(action)`` holds ``obj`` for certain, without a query: the
        row was read here through ``restricted("view")`` (not overridden), the user holds
        the action's permission, and the action's data scope is the viewing one, on a
        model without rows that only readers see (``scope_public``)."""
        if type(self).restricted is not ObjectMixin.restricted or not obj.__dict__.get(
            READ_IN_VIEW_SCOPE
        ):
            return False
        model, user = self.model, self.request.user
        perm = permission_name(model, action)
        if not user.has_perm(perm):
            return False
        if getattr(model, "scope_global", False):
            return True
        if getattr(model, "scope_public", None) is not None:
            return False
        return user_scope(user, perm) == user_scope(user, permission_name(model, "view"))

    def object_context(self, obj) -> dict[str, Any]:
        opts = self.model._meta
        can_change = self.editable and self._may("change", obj)
        can_delete = self.deletable and self._may("delete", obj)
        return {
            **self.meta_context(),
            "object": obj,
            "tab": self.tab,
            "detail_url": model_url(self.model, "detail", obj.pk),
            "history_url": model_url(self.model, "history", obj.pk),
            "can_change": can_change,
            "can_delete": can_delete,
            "edit_url": model_url(self.model, "edit", obj.pk) if can_change else "",
            "delete_url": model_url(self.model, "delete", obj.pk) if can_delete else "",
            "detail_template": f"{opts.app_label}/{opts.model_name}_detail.html",
            "attributes": [(column, column.value(obj)) for column in self.fields],
        }

    def get(self, request, pk):
        obj = self.get_object(pk)
        context = {
            **self.object_context(obj),
            **self.listed_context(obj),
            **self.get_extra_context(obj),
        }
        template = self.template_name or [context["detail_template"], "core/object_detail.html"]
        return render(request, template, context)

    @classmethod
    def as_history(cls) -> type[ObjectDetailView]:
        """The history tab of this detail page: the same model, look-up, scope and
        buttons, showing the object's recorded changes instead of its detail."""
        name = cls.__name__.replace("Detail", "History")
        return type(name, (HistoryTabMixin, cls), {"__module__": cls.__module__})


class HistoryTabMixin:
    """The history tab: every recorded change of the object, newest first."""

    template_name = "core/object_history.html"
    tab = "history"
    related: dict = {}
    permission_flags: dict = {}

    def get_extra_context(self, obj):
        return paged(self.request, history_for(obj))


class ObjectHistoryView(HistoryTabMixin, ObjectDetailView):
    """The history tab of a model without a detail view of its own."""


def period_of(request) -> tuple[dt.date, dt.date]:
    """The period a report page shows (``start``/``end`` in the query; see
    ``periods.period``); a malformed one is said as a message and the default shown."""
    start, end, error = period(request.GET)
    if error:
        messages.error(request, error)
    return start, end


class ActionTests:
    """Who may use an action's page or button (``allowed(obj)``; 403 when it refuses):
    whoever holds the ``requires`` permissions, may ``scope_test`` the object in their
    scope (e.g. "change") and passes the action's own tests, ``user_test`` (of the user,
    e.g. ``actions.may_dispatch``) and ``object_test`` (of the user and the object, e.g.
    ``actions.may_rate``)."""

    requires: Sequence[str] = ()
    scope_test = ""
    user_test: Callable[[Any], bool] | None = None
    object_test: Callable[[Any, Any], bool] | None = None

    def allowed(self, obj) -> bool:
        user, cls = self.request.user, type(self)
        return (
            user.has_perms(self.requires)
            and (not self.scope_test or can(user, self.scope_test, obj))
            and (cls.user_test is None or cls.user_test(user))
            and (cls.object_test is None or cls.object_test(user, obj))
        )


class ActionButtonView(ActionTests, ObjectMixin, View):
    """A button on an object's page (POST only) whose click calls one action: the object
    is looked up through ``restrict`` with ``scope_action`` (outside the scope 404),
    ``allowed(obj)`` refusing answers 403, then ``run(obj)``; its refusal
    (``ActionError``; a conflict as a warning) or ``get_success_message(result)`` (by
    default ``success_message``, which may name the result as ``%(object)s``) is said as
    a message on the page ``success_url(obj)`` (the object's)."""

    http_method_names = ["post"]
    scope_action = "view"
    success_message = gettext_lazy("Done.")

    def run(self, obj):
        raise NotImplementedError

    def get_success_message(self, result) -> str:
        return self.success_message % {"object": result}

    def success_url(self, obj) -> str:
        return obj.get_absolute_url()

    def post(self, request, pk):
        obj = get_object_or_404(self.restricted(self.scope_action), pk=pk)
        if not self.allowed(obj):
            raise PermissionDenied
        try:
            result = self.run(obj)
        except ActionConflict as exc:
            messages.warning(request, str(exc))
        except ActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, self.get_success_message(result))
        return HttpResponseRedirect(self.success_url(obj))


class DocxView(ObjectMixin, View):
    """A .docx made from one object (a 公文: a notice, a sheet), downloaded by users with
    the model's view permission (403 without), the object looked up in their scope (404
    outside it, joined with ``select_related``): ``document(obj)`` gives the file's
    name and content."""

    def document(self, obj) -> tuple[str, bytes]:
        raise NotImplementedError

    def get(self, request, pk):
        self.require_permission("view")
        return docx_response(*self.document(get_object_or_404(self.restricted("view"), pk=pk)))


class FormPageView(LoginRequiredMixin, View):
    """A page with one form that is not a record's edit page (settings, preferences, a
    dictionary's entries): GET shows the form, POST checks it. With a ``model``, reading
    needs its ``read_action`` permission ("view") and sending its ``write_action`` one
    ("change"; 403 without); without one, anybody signed in may. ``may(action)`` tells
    the page. An invalid form is shown again (400); a valid one goes to
    ``save(form)``, which says what it did as messages and returns the page to go to (a
    URL) or a response of its own. ``form_kwargs()`` and ``page_context(form)`` add to the
    form and to the page; ``setup_page(**kwargs)`` reads the URL's arguments first."""

    template_name = ""
    form_class: Any = None
    model: type[models.Model] | None = None
    read_action = "view"
    write_action = "change"

    def may(self, action: str) -> bool:
        model = self.model
        return model is None or self.request.user.has_perm(permission_name(model, action))

    def setup_page(self, **kwargs) -> None:
        pass

    def form_kwargs(self) -> dict[str, Any]:
        return {}

    def page_context(self, form) -> dict[str, Any]:
        return {}

    def save(self, form):
        raise NotImplementedError

    def render_page(self, form, status=200, **extra):
        context = {"form": form, **self.page_context(form), **extra}
        return render(self.request, self.template_name, context, status=status)

    def _require(self, action: str) -> None:
        if not self.may(action):
            raise PermissionDenied

    def get(self, request, **kwargs):
        self._require(self.read_action)
        self.setup_page(**kwargs)
        return self.render_page(self.form_class(**self.form_kwargs()))

    def post(self, request, **kwargs):
        self._require(self.write_action)
        self.setup_page(**kwargs)
        form = self.form_class(request.POST, **self.form_kwargs())
        if not form.is_valid():
            return self.render_page(form, status=400)
        result = self.save(form)
        return result if isinstance(result, HttpResponse) else HttpResponseRedirect(result)


class ObjectEditView(ObjectMixin, View):
    form_class = None
    template_name = "core/object_edit.html"

    def get_object(self, pk):
        if pk is None:
            self.require_permission("add")
            return self.model()
        return get_object_or_404(self.restricted("change"), pk=pk)

    def get_form(self, obj):
        data = self.request.POST if self.request.method == "POST" else None
        form = self.form_class(
            data, self.request.FILES or None, instance=obj, user=self.request.user
        )
        if obj.pk is None and data is None:
            form.initial.update(self.prefilled())
        return form

    def render_form(self, obj, form):
        context = {**self.meta_context(), "object": obj, "form": form}
        if obj.pk is None:  # a form that creates: sent once (core.once)
            context["form_token"] = once.issue(self.request.user)
        return render(self.request, self.template_name, context)

    def get(self, request, pk=None):
        obj = self.get_object(pk)
        return self.render_form(obj, self.get_form(obj))

    def save_form(self, form):
        """Save the valid form (subclasses add what the form does not hold)."""
        return form.save()

    def post(self, request, pk=None):
        obj = self.get_object(pk)
        creating = obj.pk is None
        return self.sent_once(creating, lambda: self._post(request, obj, creating, pk))

    def _post(self, request, obj, creating, pk):
        form = self.get_form(obj)
        if form.is_valid():
            action = "add" if creating else "change"
            try:
                with transaction.atomic():
                    obj = self.save_form(form)
                    # Re-read through the user's scope: nobody may move an object out of reach.
                    in_scope = self.restricted(action).filter(pk=obj.pk).exists()
                    if not in_scope:
                        transaction.set_rollback(True)
            except (ActionError, ValidationError, IntegrityError) as exc:
                # Refused by the action ``save_form`` calls (e.g. a newer version was
                # saved meanwhile: 409), or by the database (a unique value taken, a row
                # removed meanwhile: 409): said on the form.
                conflict = isinstance(exc, ActionConflict | IntegrityError)
                add_errors(form, refusal_error(exc))
                response = self.render_form(self.get_object(pk), form)
                response.status_code = 409 if conflict else 400
                return response
            if not in_scope:
                form.add_error(None, _("The result would lie outside your data scope."))
                if creating:
                    obj.pk = None
                return self.render_form(self.get_object(pk), form)
            messages.success(request, _("Saved: %(object)s") % {"object": obj})
            return HttpResponseRedirect(model_url(self.model, "detail", obj.pk))
        return self.render_form(obj, form)


class ObjectDeleteView(ObjectMixin, View):
    """The confirmation, then ``delete_object(obj)`` (the action that deletes, where
    there is one: its refusal is said on the object's page) and ``deleted_url(obj)``."""

    template_name = "core/object_delete.html"

    def get_object(self, pk):
        return get_object_or_404(self.restricted("delete"), pk=pk)

    def delete_object(self, obj) -> None:
        obj.delete()

    def deleted_url(self, obj) -> str:
        return model_url(self.model, "list")

    def get(self, request, pk):
        obj = self.get_object(pk)
        return render(request, self.template_name, {**self.meta_context(), "object": obj})

    def post(self, request, pk):
        obj = self.get_object(pk)
        try:
            with transaction.atomic():
                self.delete_object(obj)
        except models.ProtectedError as exc:
            blockers = "、".join(str(o) for o in list(exc.protected_objects)[:5])
            messages.error(
                request,
                _("%(object)s cannot be deleted while these depend on it: %(blockers)s")
                % {"object": obj, "blockers": blockers},
            )
            return HttpResponseRedirect(model_url(self.model, "detail", obj.pk))
        except ActionError as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect(model_url(self.model, "detail", obj.pk))
        messages.success(request, _("Deleted: %(object)s") % {"object": obj})
        return HttpResponseRedirect(self.deleted_url(obj))


class ReadPermissionMixin:
    """List and detail pages read by whoever holds ``read_permission`` ("app.codename"),
    e.g. reference data read by those who read the records that use it: the list and
    every object page check it; changes still need the model's own permissions."""

    read_permission = ""

    def require_permission(self, action: str) -> None:
        if action != "view":
            return super().require_permission(action)
        if not self.request.user.has_perm(self.read_permission):
            raise PermissionDenied

    def get_object(self, pk):
        self.require_permission("view")
        return super().get_object(pk)


class ReadOnlyMixin:
    """Records that change only through their actions: no edit page, no delete page."""

    editable = False
    deletable = False


class NoDeleteMixin:
    """Records kept for the record: they may be edited, never deleted from a page."""

    deletable = False


class ViewPermissionMixin:
    """Pages of a table every signed-in user reads elsewhere (``scope_global``) that here
    open only for the holders of its view permission (the schedule, the holiday calendar).
    Editing and actions need their own permission, as on every page: a reader without it
    sees the page without their buttons."""

    permission_always = True

    def restricted(self, action: str):
        self.require_permission("view")
        return super().restricted(action)


class ActionFormView(ActionTests, ObjectMixin, View):
    """A page with one form whose valid submission calls one action.

    A subclass names the ``model`` (the object the action is about, looked up through
    ``restrict`` with ``scope_action``: outside the user's scope 404), the ``form_class``,
    a ``title`` and ``run(obj, form)``, which calls the action and returns the object to
    go to afterwards (None: back to ``obj``). ``permission`` ("app.codename") and
    ``allowed(obj)`` answer 403 when they refuse. Without a ``pk`` in the URL the page is
    about no object (a creating action): then ``permission`` defaults to the model's add
    permission. The action's refusals land on the form: ``ActionError`` above it,
    ``ValidationError`` per field; ``PermissionDenied`` and ``Http404`` answer 403 and 404.
    URL arguments besides ``pk`` (e.g. a sub-object's id) are read from ``self.kwargs``.
    After success the user reads ``get_success_message(result)``: by default the class's
    ``success_message`` text; a subclass overrides the method to name what the action made
    (e.g. "Reported: event 12"), ``result`` being what ``run`` returned (or ``obj``).
    A form whose fields are the action's keyword arguments needs no ``run``: ``action``
    (the action function) is called with the object's pk (when the page is about one;
    the object itself as the keyword ``object_keyword`` where the action takes it so),
    ``actor`` and the cleaned data; with ``follow_result`` the page goes to what the
    action returns instead of the object. ``success_message`` may name that result as
    ``%(object)s``. ``allowed`` tests the user as ``ActionTests`` says.
    """

    form_class = EmptyForm
    title = ""
    template_name = "core/action_form.html"
    permission = ""
    scope_action = "view"
    success_message = gettext_lazy("Done.")
    object = None

    object_keyword = ""
    follow_result = False
    # The form's fields preset to today's date, and to this year.
    today: Sequence[str] = ()
    this_year: Sequence[str] = ()

    @classmethod
    def step(cls, action, form_class=EmptyForm, title="", **attrs) -> type[ActionFormView]:
        """This page for one more action: the subclass whose ``action`` is ``action``, with
        its form, title and any other attribute (``object_test``, ``requires``,
        ``follow_result`` …), named after the action (``dispatch_demand``:
        ``DispatchDemandView``) in the module that asks for it (as ``namedtuple`` does)."""
        name = "".join(word.capitalize() for word in action.__name__.split("_")) + "View"
        module = sys._getframe(1).f_globals.get("__name__", cls.__module__)
        attrs = {"action": staticmethod(action), "form_class": form_class, "title": title, **attrs}
        return type(name, (cls,), {"__module__": module, "__qualname__": name, **attrs})

    def initial(self, obj) -> dict[str, Any]:
        return {}

    def dated(self) -> dict[str, Any]:
        """The fields preset to today (``today``) and to this year (``this_year``)."""
        if not (self.today or self.this_year):
            return {}
        day = timezone.localdate()
        return {**dict.fromkeys(self.today, day), **dict.fromkeys(self.this_year, day.year)}

    def form_kwargs(self, obj) -> dict[str, Any]:
        """Extra keyword arguments for the form (the user, for scoped forms)."""
        if getattr(self.form_class, "accepts_user", False):
            return {"user": self.request.user}
        return {}

    action = None

    def run(self, obj, form):
        action = type(self).action
        if action is None:
            raise NotImplementedError
        user, data = self.request.user, form.cleaned_data
        if obj is None:
            return action(actor=user, **data)
        if self.object_keyword:
            result = action(actor=user, **{self.object_keyword: obj}, **data)
        else:
            result = action(obj.pk, actor=user, **data)
        return result if self.follow_result else None

    def get_success_message(self, result) -> str:
        return self.success_message % {"object": result}

    @classmethod
    def opened_by(cls) -> tuple[str, ...]:
        """The permissions that open the page when it is about no object."""
        return (cls.permission or permission_name(cls.model, "add"), *cls.requires)

    def success_url(self, result) -> str:
        return result.get_absolute_url()

    def get_extra_context(self, obj) -> dict[str, Any]:
        return {}

    def get_object(self, pk):
        user = self.request.user
        if self.permission:
            if not user.has_perm(self.permission):
                raise PermissionDenied
        elif pk is None:
            self.require_permission("add")
        obj = None if pk is None else get_object_or_404(self.restricted(self.scope_action), pk=pk)
        if not self.allowed(obj):
            raise PermissionDenied
        return obj

    def get_form(self, obj, data=None, files=None):
        initial = {**self.prefilled(), **self.dated(), **self.initial(obj)}
        return self.form_class(data, files, initial=initial, **self.form_kwargs(obj))

    def base_context(self, obj) -> dict[str, Any]:
        """The page's context but its form: "cancel" goes back to the object's page, or to
        the list when the object has none."""
        meta = self.meta_context()
        page = getattr(obj, "get_absolute_url", None)
        cancel_url = page() if page else meta["list_url"]
        return {**meta, "object": obj, "title": self.title, "cancel_url": cancel_url}

    def render_form(self, obj, form, status=200):
        context = {**self.base_context(obj), "form": form, **self.get_extra_context(obj)}
        if obj is None:  # a form that creates: sent once (core.once)
            context["form_token"] = once.issue(self.request.user)
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk=None, **kwargs):
        self.object = obj = self.get_object(pk)
        return self.render_form(obj, self.get_form(obj))

    def post(self, request, pk=None, **kwargs):
        self.object = obj = self.get_object(pk)
        return self.sent_once(obj is None, lambda: self._post(request, obj))

    def _post(self, request, obj):
        form = self.get_form(obj, request.POST, request.FILES)
        if form.is_valid():
            try:
                result = self.run(obj, form)
            except (ActionError, ValidationError, IntegrityError) as exc:
                add_errors(form, refusal_error(exc))
                status = 409 if isinstance(exc, ActionConflict | IntegrityError) else 400
                return self.render_form(obj, form, status=status)
            except (PermissionDenied, Http404):
                raise
            else:
                result = result if result is not None else obj
                message = self.get_success_message(result)
                if message:
                    messages.success(request, message)
                return HttpResponseRedirect(self.success_url(result))
        return self.render_form(obj, form, status=400)


class ImportView(ActionFormView):
    """An import page: the upload, a preview, the confirmation, the importer's result.

    A subclass names its importer: ``import_function`` (a ``staticmethod`` of the file,
    ``actor`` and ``valid_only``), or ``import_file(obj, file)`` where it needs more,
    which calls the importer and returns its ``ImportResult`` (``obj``: what the URL's
    ``pk`` names, e.g. the list imported into, looked up like ``ActionFormView``'s; None
    without one).
    Permission as for ``ActionFormView`` (the model's add permission by default). The page
    (``core/import.html`` unless ``template_name`` says otherwise) is headed by ``title``
    and lists ``columns`` with ``help``, the sentence that says how rows are matched.

    The upload is not written: the importer runs inside a transaction that is rolled back,
    and the page shows the rows it would create, those it would update and those it
    refuses with their reasons (the preview). The file is kept on the server under a
    one-time token (``tabular.stage``); confirming imports that file (all rows or none,
    or the valid rows only when the user asks for that), and the user reads
    ``success_message`` (with ``created``, ``updated`` and ``count``) and goes to
    ``imported_url(obj)``: ``obj``'s page (or the model's list). The upload form's other
    fields (options) are carried to the confirmation. At most ``tabular.SHOWN_ERRORS``
    errors are shown, the rest counted; the file's size, unpacked size and rows are
    limited before it is parsed (``core.tabular``). ``columns`` names the sheet's columns
    for the page; ``template_url_name`` the URL of its downloadable template, when it has
    one (its view: ``template_view``; by default the page's own URL name with
    ``template`` for ``import``). ``columns`` are names or the importer's column specs
    (``header``).

    A large upload (``core.importjobs.is_large``) is previewed and imported by the worker
    instead: the user goes to the job's page, which follows it and offers the
    confirmation. The job builds this view again for them (its class, the URL's
    arguments, the options), so ``import_file`` reads ``self.request.user``,
    ``self.request.POST`` and ``self.valid_only`` there as here.
    """

    template_name = "core/import.html"
    columns: Sequence[str] = ()
    help = ""
    success_message = gettext_lazy("Imported: %(created)s new, %(updated)s updated.")
    errors: Sequence[str] = ()
    template_url_name = ""
    # The importer: a function of the file, ``actor`` and ``valid_only``.
    import_function: Callable[..., ImportResult] | None = None
    # Whether the upload is previewed before it is written (pages not yet moved to the
    # preview import at once, as before).
    preview = True
    # Rows shown in a preview (the counts cover them all).
    SHOWN_ROWS = 500

    def import_file(self, obj, file) -> ImportResult:
        if self.import_function is None:
            raise NotImplementedError
        return self.import_function(file, actor=self.request.user, valid_only=self.valid_only)

    @property
    def valid_only(self) -> bool:
        """The preview counts the good rows even when others are refused; the import
        writes them alone only when asked."""
        return getattr(self, "_previewing", False) or self.request.POST.get("valid_only") == "on"

    @classmethod
    def template_view(cls, filename, build) -> type[ImportTemplateView]:
        """The view of this page's downloadable template, for whoever may use the page
        (the same model, permission and ``allowed``): ``build(user)`` makes the
        workbook, sent as ``filename``."""
        name = cls.__name__.replace("Import", "Template")
        attrs = {"filename": filename, "template_function": staticmethod(build)}
        return type(name, (ImportTemplateView, cls), {"__module__": cls.__module__, **attrs})

    def template_url(self, obj) -> str:
        """The address of the page's template: ``template_url_name``, else the page's own
        URL name with ``template`` for ``import`` (``party:partymember_import``:
        ``party:partymember_template``) where the app has that page."""
        name, args = self.template_url_name, [obj.pk] if obj is not None else []
        if name:
            return reverse(name, args=args)
        match = getattr(self.request, "resolver_match", None)
        if match is None or not match.view_name.endswith("_import"):
            return ""
        try:
            return reverse(match.view_name.removesuffix("import") + "template", args=args)
        except NoReverseMatch:
            return ""

    def get_extra_context(self, obj):
        return {
            "errors": self.errors,
            "columns": "、".join(str(getattr(c, "header", c)) for c in self.columns),
            "help": self.help,
            "accept": ".xlsx,.xls,.csv",
            "template_url": self.template_url(obj),
            "previewed": self.preview,
        }

    def _fail(self, obj, errors, status=400):
        self.errors = errors
        return self.render_form(obj, self.get_form(obj), status=status)

    def post(self, request, pk=None, **kwargs):
        self.object = obj = self.get_object(pk)
        token = request.POST.get("staged")
        if token:
            return self._confirm(request, obj, token)
        upload = request.FILES.get("file")
        if upload is None:
            return self._fail(obj, [_("Choose an .xlsx, .xls or .csv file.")])
        if importjobs.is_large(upload):
            try:
                job = importjobs.start(self, obj, upload)
            except WorkbookError as exc:
                return self._fail(obj, [str(exc)])
            return HttpResponseRedirect(importjobs.job_url(job))
        if not self.preview:
            return self._import(request, obj, upload)
        try:
            self._previewing = True
            with transaction.atomic():
                result = self.import_file(obj, upload)
                transaction.set_rollback(True)
        except WorkbookError as exc:
            return self._fail(obj, [str(exc)])
        finally:
            self._previewing = False
        if not (result.created or result.updated or result.unchanged):
            return self._fail(obj, _nothing_to_import(result))
        try:
            staged = stage(upload, request.user)
        except WorkbookError as exc:
            return self._fail(obj, [str(exc)])
        carried = [
            (name, value)
            for name, values in request.POST.lists()
            if name not in {"csrfmiddlewaretoken", "valid_only", "staged", once.FIELD}
            for value in values
        ]
        context = {
            **self.base_context(obj),
            **self.get_extra_context(obj),
            "preview": result,
            "to_create": [w for w in result.written if w[1]][: self.SHOWN_ROWS],
            "to_update": [w for w in result.written if not w[1]][: self.SHOWN_ROWS],
            "refused": shown_errors(result.errors),
            "notes": shown_errors(result.notes),
            "left_out": shown_errors(result.left_out),
            "remarks": result.remarks,
            "staged": staged,
            "carried": carried,
            "file_name": getattr(upload, "name", ""),
        }
        return render(request, self.template_name, context)

    def _confirm(self, request, obj, token):
        try:
            file = take_staged(token, request.user)
        except WorkbookError as exc:
            return self._fail(obj, [str(exc)])
        return self._import(request, obj, file)

    def _import(self, request, obj, file):
        try:
            result = self.import_file(obj, file)
        except WorkbookError as exc:
            return self._fail(obj, [str(exc)])
        if not (result.created or result.updated or result.unchanged) and (
            result.errors or result.left_out
        ):
            return self._fail(obj, _nothing_to_import(result))
        counts = {"created": result.created, "updated": result.updated, "count": result.created}
        messages.success(request, self.success_message % counts)
        for remark in result.remarks:
            messages.info(request, remark)
        for left_out in shown_errors(result.left_out):
            messages.info(request, left_out)
        if result.unchanged:
            messages.info(
                request,
                _("%(count)s rows match records that are already up to date.")
                % {"count": result.unchanged},
            )
        for error in shown_errors([*result.errors, *result.notes]):
            messages.warning(request, error)
        return HttpResponseRedirect(self.imported_url(obj))

    def imported_url(self, obj) -> str:
        """Where the user goes once the rows are written: ``obj``'s page, or the list."""
        return obj.get_absolute_url() if obj else model_url(self.model, "list")


def _nothing_to_import(result: ImportResult) -> list[str]:
    """What a page says of a sheet that has nothing to write: its refused rows, and the
    rows it marks as not to import (a ledger's rows marked done)."""
    shown = shown_errors(result.errors) + shown_errors(result.left_out)
    if not result.errors:
        shown.insert(0, _("The sheet has no rows to import."))
    return shown


class ImportTemplateView(ActionFormView):
    """The downloadable template of an import page (``core.templates_xlsx``), for whoever
    may use that page: the same ``permission`` and object look-up. A subclass gives
    ``filename`` and ``template_function`` (a ``staticmethod``: the importer's template
    for a user), or ``build_template(obj)`` where the template needs more."""

    http_method_names = ["get"]
    filename = ""
    template_function: Callable[..., Any] | None = None

    def build_template(self, obj):
        if self.template_function is None:
            raise NotImplementedError
        return self.template_function(self.request.user)

    def get(self, request, pk=None, **kwargs):
        from .templates_xlsx import response

        self.object = obj = self.get_object(pk)
        return response(self.build_template(obj), str(self.filename))


class ImportJobView(LoginRequiredMixin, View):
    """The page of a large import running on the worker (``core.importjobs``): queued
    (with the jobs ahead of it), running (since when), then its preview with the
    confirmation, or its result (counts, the rows refused) or why it failed. While the
    job runs the page follows it (htmx asks for it again every few seconds). The
    uploader's alone: 404 for anyone else."""

    model = BackgroundJob
    template_name = "core/import_job.html"

    def get_job(self, pk):
        jobs = BackgroundJob.objects.restrict(self.request.user).filter(kind=importjobs.KIND)
        return get_object_or_404(jobs.select_related("owner"), pk=pk)

    def get(self, request, pk):
        job = self.get_job(pk)
        result, params = job.result or {}, job.params
        context = {
            "job": job,
            "file_name": params.get("file_name", ""),
            "back_url": params.get("back") or "/",
            "back_label": params.get("back_label", ""),
            "page_url": params.get("page") or "/",
            "result": result,
            "previewed": result.get("step") == importjobs.PREVIEW,
            "ahead": BackgroundJob.objects.filter(
                status=JobStatus.QUEUED, created_at__lt=job.created_at
            ).count()
            if job.status == JobStatus.QUEUED
            else 0,
            "confirmed": BackgroundJob.objects.filter(
                owner=job.owner, kind=importjobs.KIND, params__preview_job=job.pk
            ).first()
            if job.status == JobStatus.DONE
            else None,
        }
        return render(request, self.template_name, context)


class ImportJobConfirmView(ImportJobView):
    """Confirming a previewed large import: its import is queued (once: a second
    confirmation leads to the job the first one started)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        job = self.get_job(pk)
        if job.status != JobStatus.DONE or job.result.get("step") != importjobs.PREVIEW:
            messages.error(request, _("This import has no preview to confirm."))
            return HttpResponseRedirect(importjobs.job_url(job))
        try:
            started = importjobs.confirm(job, valid_only=request.POST.get("valid_only") == "on")
        except WorkbookError as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect(importjobs.job_url(job))
        return HttpResponseRedirect(importjobs.job_url(started))


class HomeView(LoginRequiredMixin, View):
    def get(self, request):
        from mingzhu.org.models import OrgUnit

        user = request.user
        units = OrgUnit.objects.restrict(user, "view")
        context = {
            "roles": list(user.roles.all()),
            "unit_count": units.count(),
            "scope_root": user.unit,
        }
        return render(request, "core/home.html", context)


class ChangeLogView(LoginRequiredMixin, View):
    """The whole audit trail, read-only, for those allowed to read it."""

    def get(self, request):
        if not request.user.has_perm("auditlog.view_logentry"):
            raise PermissionDenied
        # Only the entries of what the reader may view (or all, for an audit role).
        entries = (
            visible_entries(request.user)
            .select_related("actor", "content_type")
            .order_by("-timestamp", "-pk")
        )
        actor = request.GET.get("actor", "").strip()
        if actor:
            entries = entries.filter(actor__username=actor)
        request_id = request.GET.get("request_id", "").strip()
        if request_id:
            entries = entries.filter(cid=request_id)
        form = ChangeLogFilterForm(request.GET or None)
        if form.is_valid():
            entries = form.narrow(entries)
        elif form.is_bound:
            entries = entries.none()
        context = {"actor": actor, "request_id": request_id, "form": form}
        return render(request, "core/changelog.html", {**context, **paged(request, entries)})


# -- error pages ------------------------------------------------------------------------
# A refused or unknown address answers in the platform's language: a page with the menu
# for the pages, JSON ({"detail", "code"}) under /api/, as the API's own errors do.

ERRORS = {
    400: ("bad_request", gettext_lazy("The request could not be understood.")),
    403: ("permission_denied", gettext_lazy("You do not have permission to do this.")),
    404: ("not_found", gettext_lazy("There is no such page, or it is outside your scope.")),
    409: ("conflict", gettext_lazy("Someone changed the same records at the same moment.")),
    500: ("server_error", gettext_lazy("Something went wrong on the server; it has been logged.")),
    503: ("busy", gettext_lazy("The records are busy with another request at this moment.")),
}


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def error_response(request, status: int, detail: str | None = None):
    code, message = ERRORS[status]
    if _is_api(request):
        return JsonResponse({"detail": detail or str(message), "code": code}, status=status)
    if not hasattr(request, "user"):
        # Refused before the authentication middleware ran (a bad host, a bad request).
        from django.contrib.auth.models import AnonymousUser

        request.user = AnonymousUser()
    return render(
        request,
        "error.html",
        {"status": status, "message": message, "detail": detail},
        status=status,
    )


def bad_request(request, exception=None):
    return error_response(request, 400)


def permission_denied(request, exception=None):
    # A reason given in Chinese by the code that refused (PermissionDenied(_("…"))) is
    # shown; Django's bare refusals carry none.
    reason = str(exception) if exception is not None and str(exception) else None
    return error_response(request, 403, reason)


def page_not_found(request, exception=None):
    return error_response(request, 404)


def server_error(request):
    """The 500 page: no database, no context processors (they may be what failed)."""
    if _is_api(request):
        code, message = ERRORS[500]
        return JsonResponse({"detail": str(message), "code": code}, status=500)
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("500.html").render())


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token (an expired page, cookies refused)."""
    return error_response(
        request,
        403,
        str(_("The form has expired or was sent from elsewhere; reload the page and try again.")),
    )
