"""Loading, correcting and adopting a decomposition. Keyword-only actor, one transaction
each, the document row locked, scope then permission then state checked.

Adopting writes a task list through the task engine (``create_task``, source kind
``document``, linked to the item) and the numeric targets into the targets module,
matched with the indicator catalogue; a target already there is linked, never doubled.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from mingzhu.core.actions import (
    ActionConflict,
    ActionError,
    action_atomic,
    fetch_locked,
    in_scope,
    require,
    require_in_scope,
)
from mingzhu.core.cache import bump, topic_of
from mingzhu.org.matching import UnitMatcher
from mingzhu.org.models import OrgUnit
from mingzhu.targets.choices import Dimension, Direction
from mingzhu.targets.models import Indicator, Target, may_be_negative_by_name
from mingzhu.tasks import actions as task_actions
from mingzhu.tasks.choices import ListKind, SourceKind
from mingzhu.tasks.models import Task, TaskList

from . import services
from .decompose import (
    DEFAULT_RULES,
    Decomposition,
    DecompositionError,
    catalogue_name,
    decompose,
)
from .decompose import LeadRule as Rule
from .models import DocumentItem, DocumentTarget, LeadRule, PolicyDocument
from .reading import ReadError, read_document

ADOPT_PERMISSION = "documents.adopt_policydocument"


class AlreadyAdopted(ActionConflict):
    """Someone has adopted the document already."""


def rules() -> list[Rule]:
    """The office's keyword table, as the pure decomposer takes it (the default table
    until the office has one)."""
    if not LeadRule.objects.exists():
        return list(DEFAULT_RULES)
    rows = LeadRule.objects.filter(is_active=True).select_related("unit").order_by("priority", "pk")
    return [
        Rule(r.keyword, r.unit.name if r.unit_id else r.unit_name, r.unit.code if r.unit_id else "")
        for r in rows
    ]


def read(*, text: str = "", data: bytes | None = None, filename: str = "") -> tuple[str, str]:
    """(text, encoding) from pasted text or an uploaded file; ActionError when unreadable."""
    if data is not None:
        try:
            return read_document(data, filename)
        except ReadError as exc:
            raise ActionError(str(exc)) from exc
    if not (text or "").strip():
        raise ActionError(_("The document is empty."))
    return text, ""


def _lock(document_id: int, actor, action: str) -> PolicyDocument:
    """The document, locked, for ``action`` ("change" or "adopt"): outside the actor's
    view scope 404; seen but not theirs to change (or to adopt) 403."""
    if not in_scope(document_id, actor, "view", model=PolicyDocument):
        raise Http404("No such document.")
    if action == "adopt" and not actor.has_perm(ADOPT_PERMISSION):
        raise PermissionDenied(_("You may not adopt decompositions."))
    try:
        return fetch_locked(PolicyDocument, document_id, actor, "change")
    except Http404:
        raise PermissionDenied(_("You may not change this document.")) from None


def load_document(
    *,
    actor,
    text: str = "",
    data: bytes | None = None,
    filename: str = "",
    title: str = "",
    issuer: OrgUnit | None = None,
    source: str = "",
    is_illustrative: bool = False,
    as_of: dt.date | None = None,
) -> PolicyDocument:
    """Store a document and its draft decomposition (items with suggested lead units,
    targets matched with the catalogue)."""
    require(actor, "documents.add_policydocument", _("You may not load documents."))
    text, encoding = read(text=text, data=data, filename=filename)
    try:
        d = decompose(text, rules())
    except DecompositionError as exc:  # nothing but blanks and signs
        raise ActionError(str(exc)) from None
    if not d.text.strip():
        raise ActionError(_("The document is empty."))
    today = as_of or timezone.localdate()
    issuer = issuer or actor.unit
    if issuer is None:
        raise ActionError(_("The document needs a unit: you belong to none."))
    with action_atomic():
        document = PolicyDocument.objects.create(
            title=(title or d.title or filename or _("Untitled document"))[:200],
            author=d.author[:100],
            affiliation=d.affiliation[:100],
            year=d.year or today.year,
            text=d.text,
            filename=filename[:200],
            encoding=encoding,
            source=source[:300],
            issuer=issuer,
            loaded_by=actor,
            is_illustrative=is_illustrative,
        )
        store_draft(document, d)
        require_in_scope(
            document,
            actor,
            "add",
            PermissionDenied(_("The document would lie outside your data scope.")),
        )
    return document


def store_draft(document: PolicyDocument, d: Decomposition) -> None:
    """The draft rows of a decomposition (bulk: a long plan holds hundreds)."""
    units = {
        u.code: u for u in OrgUnit.objects.filter(code__in={i.lead_unit_code for i in d.items})
    }
    matcher = UnitMatcher.of_city()
    deadlines = services.item_deadlines(d)
    sections = {s.number: s.title for s in d.sections}
    rows, co_units = [], []
    for n, i in enumerate(d.items, start=1):
        lead, co, unmatched = services.named_units_of(i, matcher)
        rows.append(
            DocumentItem(
                document=document,
                code=i.code,
                section_title="／".join(filter(None, (sections[i.section], i.heading)))[:300],
                title=i.title[:300],
                text=i.text,
                start=i.start,
                end=i.end,
                rule=i.rule[:60],
                keyword=i.keyword,
                suggested_unit=i.lead_unit[:100],
                lead_unit=lead if i.named_lead else units.get(i.lead_unit_code),
                named_units=i.unit_words[:300],
                unmatched_units="、".join(unmatched)[:300],
                deadline=i.deadline or deadlines.get(i.code),
                deadline_rule=(i.deadline_words if i.deadline or i.long_running else "")[:60],
                long_running=i.long_running,
                sort_order=n,
            )
        )
        co_units.append(co)
    items = DocumentItem.objects.bulk_create(rows)
    links = DocumentItem.co_units.through
    links.objects.bulk_create(
        links(documentitem_id=item.pk, orgunit_id=unit.pk)
        for item, units_of_item in zip(items, co_units, strict=True)
        for unit in units_of_item
    )
    by_code = {i.code: i for i in items}
    catalogue = {ind.name: ind for ind in Indicator.objects.all()}
    DocumentTarget.objects.bulk_create(
        DocumentTarget(
            document=document,
            item=by_code.get(t.item_code),
            indicator_name=t.indicator[:100],
            comparator=t.comparator or "",
            value=t.value,
            measure_unit=t.unit,
            deadline=t.deadline,
            change=t.change,
            sentence=t.text,
            start=t.start,
            end=t.end,
            rule=t.rule[:60],
            deadline_rule=t.deadline_rule[:60],
            indicator=catalogue.get(catalogue_name(t.indicator)) if t.value is not None else None,
            sort_order=n,
        )
        for n, t in enumerate(d.targets, start=1)
    )


def save_draft(document_id: int, *, actor, items=(), targets=()) -> PolicyDocument:
    """Apply the corrections of the draft table: ``items`` and ``targets`` are dicts with
    the row's ``id`` and the changed fields (co_units: a list of units)."""
    with action_atomic():
        document = _lock(document_id, actor, "change")
        if document.is_adopted:
            raise ActionError(_("The document has been adopted; its table can no longer change."))
        rows = {r.pk: r for r in document.items.all()}
        for values in items:
            values = dict(values)
            row = rows.get(values.pop("id", None))
            if row is None:
                raise ActionError(_("An item does not belong to this document."))
            co_units = values.pop("co_units", None)
            for name, value in values.items():
                setattr(row, name, value)
            row.full_clean()
            row.save()
            if co_units is not None:
                row.co_units.set(co_units)
        target_rows = {r.pk: r for r in document.targets.all()}
        for values in targets:
            values = dict(values)
            row = target_rows.get(values.pop("id", None))
            if row is None:
                raise ActionError(_("A target does not belong to this document."))
            for name, value in values.items():
                setattr(row, name, value)
            row.full_clean()
            row.save()
    return document


def _city(unit: OrgUnit) -> OrgUnit:
    while unit.parent_id is not None:
        unit = unit.parent
    return unit


def adopt(
    document_id: int,
    *,
    actor,
    name: str = "",
    into: TaskList | None = None,
    kind: str = ListKind.WORK_POINTS,
    as_of: dt.date | None = None,
) -> TaskList:
    """Adopt the draft: a task list with one task per item (or, ``into`` an existing
    list, the tasks already typed there linked to their items) and the targets.
    All or nothing; every row that stops it is named in the error."""
    today = as_of or timezone.localdate()
    with action_atomic():
        document = _lock(document_id, actor, "adopt")
        if document.is_adopted:
            raise AlreadyAdopted(_("This document has already been adopted."))
        items = list(
            document.items.select_related("lead_unit", "leader").prefetch_related("co_units")
        )
        targets = list(document.targets.select_related("indicator", "item"))
        if not items and not targets:
            raise ActionError(_("Nothing to adopt: no items and no targets were found."))
        existing: dict[int, Task] = {}
        if into is not None:
            require_in_scope(
                into, actor, "change", PermissionDenied(_("You may not add to this task list."))
            )
            free = list(
                Task.objects.filter(task_list=into, content_type__isnull=True).order_by("code")
            )
            pairs = services.match_tasks(
                [(i.pk, f"{i.title}{i.text}") for i in items],
                [(t.pk, f"{t.title}{t.content}") for t in free],
            )
            by_id = {t.pk: t for t in free}
            existing = {item_id: by_id[task_id] for item_id, task_id in pairs.items()}
        errors = [
            _("Item %(code)s %(title)s: choose a lead unit.") % {"code": i.code, "title": i.title}
            for i in items
            if i.pk not in existing and i.lead_unit_id is None
        ]
        default_deadline = services.year_end(document.year)
        # A task is opened for work still ahead: an item whose deadline (its own, or the
        # end of the document's year) has passed is corrected in the draft first.
        errors += [
            _(
                "Item %(code)s %(title)s: its deadline %(deadline)s has passed; "
                "set a new one in the draft."
            )
            % {
                "code": i.code,
                "title": i.title,
                "deadline": (i.deadline or default_deadline).isoformat(),
            }
            for i in items
            if i.pk not in existing and (i.deadline or default_deadline) < today
        ]
        plans = _plan_targets(document, targets, errors)
        if errors:
            raise ActionError(" ".join(errors))
        task_list = into or TaskList.objects.create(
            name=(name or f"{document.title} 任务分解表")[:200],
            kind=kind,
            issuer=actor.unit or document.issuer,
            year=document.year,
            source=(document.source or document.title)[:300],
            is_illustrative=document.is_illustrative,
        )
        item_type = ContentType.objects.get_for_model(DocumentItem)
        for item in items:
            task = existing.get(item.pk)
            if task is not None:
                # A task typed by hand before the document was adopted: linked to its item.
                Task.objects.filter(pk=task.pk).update(
                    source_kind=SourceKind.DOCUMENT, content_type=item_type, object_id=item.pk
                )
                bump(topic_of(Task))  # an update sends no signal: the kept lists learn here
            else:
                try:
                    task = task_actions.create_task(
                        actor=actor,
                        title=item.title[:300],
                        content=item.text,
                        task_list=task_list,
                        issuer=task_list.issuer,
                        lead_unit=item.lead_unit,
                        co_units=list(item.co_units.all()),
                        leader=item.leader,
                        deadline=item.deadline or default_deadline,
                        source_kind=SourceKind.DOCUMENT,
                        content_type=item_type,
                        object_id=item.pk,
                        is_illustrative=document.is_illustrative,
                    )
                except ValidationError as exc:
                    raise ActionError(
                        _("Item %(code)s: %(error)s")
                        % {"code": item.code, "error": "; ".join(exc.messages)}
                    ) from exc
            item.task = task
            item.save(update_fields=["task", "updated_at"])
        for row, plan in plans:
            row.indicator, row.target = plan
            row.save(update_fields=["indicator", "target", "updated_at"])
        document.task_list = task_list
        document.adopted_on = today
        document.adopted_by = actor
        document.save(update_fields=["task_list", "adopted_on", "adopted_by", "updated_at"])
    return task_list


def _plan_targets(document: PolicyDocument, rows: list[DocumentTarget], errors: list[str]):
    """For each numeric target: (its catalogue indicator, its Target), created where
    missing, the existing one linked where it says the same."""
    city = _city(document.issuer)
    default_deadline = services.year_end(document.year)
    plans = []
    for row in rows:
        if row.value is None:
            continue  # dated qualitative: tracked by the task of its item
        label = f"{row.indicator_name} {row.comparator} {row.value.normalize():f}{row.measure_unit}"
        if not row.comparator:
            errors.append(_("Target %(target)s: choose a comparator.") % {"target": label})
            continue
        indicator = (
            row.indicator
            or Indicator.objects.filter(name=catalogue_name(row.indicator_name)).first()
        )
        if indicator is not None and indicator.unit != row.measure_unit:
            errors.append(
                _("Target %(target)s: the indicator %(indicator)s is measured in %(unit)s.")
                % {"target": label, "indicator": indicator.name, "unit": indicator.unit}
            )
            continue
        if indicator is None:
            indicator = _new_indicator(row)
        deadline = row.deadline or default_deadline
        target = Target.objects.filter(indicator=indicator, unit=city, deadline=deadline).first()
        if target is not None:
            if target.comparator != row.comparator or target.value != Decimal(row.value):
                errors.append(
                    _(
                        "Target %(target)s: the targets module already holds %(existing)s "
                        "for this indicator and deadline."
                    )
                    % {"target": label, "existing": target}
                )
                continue
        else:
            target = Target(
                indicator=indicator,
                unit=city,
                comparator=row.comparator,
                value=row.value,
                deadline=deadline,
                source_document=document.title[:200],
                source_sentence=row.sentence,
                is_illustrative=document.is_illustrative,
            )
            target.full_clean()
            target.save()
        plans.append((row, (indicator, target)))
    return plans


def _new_indicator(row: DocumentTarget) -> Indicator:
    """A catalogue entry proposed by the document (the adoption creates it)."""
    name = catalogue_name(row.indicator_name)[:100]
    number = Indicator.objects.filter(code__startswith="DOC-").count() + 1
    code = f"DOC-{number:04d}"
    while Indicator.objects.filter(code=code).exists():
        number += 1
        code = f"DOC-{number:04d}"
    indicator = Indicator(
        code=code,
        name=name,
        unit=row.measure_unit or "—",
        dimension=Dimension.QUALITY if row.measure_unit in ("%", "个百分点") else Dimension.TOTAL,
        direction=Direction.LOWER if row.comparator in ("<", "<=") else Direction.HIGHER,
        may_be_negative=may_be_negative_by_name(name, row.measure_unit),
        source=_("Proposed by the document"),
    )
    indicator.full_clean()
    indicator.save()
    return indicator
