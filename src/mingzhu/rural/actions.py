"""Every change of rural records: keyword-only actor, one transaction,
scope then permission then input checked. Work to be done and checked off goes through
the task engine's own actions (create_task, assign); its later steps (accept, report,
request closure, verify) are the engine's, on the task's page.

Errors: out of scope -> Http404; not allowed -> PermissionDenied; bad input ->
ValidationError naming the field (400); wrong state -> RuralError (400).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from mingzhu.core.actions import (
    ActionError,
    action_atomic,
    fetch_locked,
    in_scope,
    now_or,
    pk_of,
    require,
)
from mingzhu.core.numbers import number
from mingzhu.core.scope import restrict, units_in_scope
from mingzhu.core.versioning import save_version
from mingzhu.org.choices import TOWN_KINDS, UnitKind
from mingzhu.org.models import OrgUnit
from mingzhu.tasks import actions as task_actions
from mingzhu.tasks import services as task_services
from mingzhu.tasks.choices import ListKind, SourceKind
from mingzhu.tasks.models import TaskList

from .choices import FaultSource, RemediationCategory
from .models import (
    Facility,
    FacilityFault,
    InspectionPhoto,
    InspectionScore,
    Remediation,
    RemediationProgramme,
    ScoringItem,
    ScoringSheet,
    SecretaryPlan,
    VillageInspection,
)

DEFAULT_RECTIFICATION_DAYS = 15  # working days for a deduction's rectification


class RuralError(ActionError):
    """The record is not in a state that allows this action."""


def _require(actor, perm: str) -> None:
    require(actor, perm, _("You may not do this."))


def _unit_in_scope(actor, perm: str, unit: OrgUnit) -> None:
    if not units_in_scope(actor, perm).filter(pk=unit.pk).exists():
        raise Http404("No such unit.")


# ---------------------------------------------------------------- living environment


def start_remediation(
    *,
    actor,
    programme: RemediationProgramme,
    natural_village: OrgUnit,
    categories: Sequence[str],
    deadline: dt.date,
    at: dt.datetime | None = None,
) -> list[Remediation]:
    """Issue the remediation tasks of one natural village, one per category, led by its
    village (行政村)."""
    perm = "rural.add_remediation"
    _require(actor, perm)
    if natural_village.kind != UnitKind.NATURAL_VILLAGE:
        raise ValidationError({"natural_village": _("Choose a natural village.")})
    _unit_in_scope(actor, perm, natural_village)
    unknown = [c for c in categories if c not in RemediationCategory.values]
    if not categories or unknown:
        raise ValidationError({"categories": _("Choose one or more remediation categories.")})
    existing = set(
        Remediation.objects.filter(
            programme=programme, natural_village=natural_village, category__in=categories
        ).values_list("category", flat=True)
    )
    if existing:
        names = "、".join(str(RemediationCategory(c).label) for c in sorted(existing))
        raise ValidationError(
            {
                "categories": _("Already issued for this natural village: %(names)s")
                % {"names": names}
            }
        )
    at = now_or(at)
    village = natural_village.parent
    created = []
    with action_atomic():
        for category in categories:
            label = RemediationCategory(category).label
            remediation = Remediation(
                programme=programme,
                natural_village=natural_village,
                category=category,
                is_illustrative=programme.is_illustrative,
            )
            task_actions.open_task(
                remediation,
                actor=actor,
                at=at,
                title=f"{natural_village.name}：{label}"[:300],
                content=programme.name,
                task_list=programme.task_list,
                lead_unit=village,
                deadline=deadline,
                source_kind=SourceKind.REMEDIATION,
            )
            created.append(remediation)
    return created


# ---------------------------------------------------------------- scoring sheets


def new_sheet_version(
    sheet: ScoringSheet, *, actor, valid_from: dt.date, notes: str = ""
) -> ScoringSheet:
    """A new version of the sheet with a copy of its items, to be edited; the versions
    already used keep their items. Made from a version that is no longer the newest, it
    is refused (ActionConflict)."""
    _require(actor, "rural.add_scoringsheet")

    def create(version: int) -> ScoringSheet:
        new = ScoringSheet.objects.create(
            name=sheet.name,
            version=version,
            valid_from=valid_from,
            notes=notes or sheet.notes,
            is_illustrative=sheet.is_illustrative,
            created_by=actor,
        )
        for item in sheet.items.all():
            ScoringItem.objects.create(
                sheet=new,
                order=item.order,
                category=item.category,
                name=item.name,
                points=item.points,
                deduction_rule=item.deduction_rule,
            )
        return new

    return save_version(ScoringSheet, key=sheet.name, based_on=sheet.version, create=create)


def check_sheet_editable(sheet: ScoringSheet) -> None:
    if sheet.pk and sheet.inspections.exists():
        raise RuralError(
            _("This version has been used by inspections; make a new version to change it.")
        )


# ---------------------------------------------------------------- inspections


def _decimal(value, field: str) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("Not a number: %(value)s") % {"value": value}}) from None
    if not number.is_finite():
        raise ValidationError({field: _("Not a number: %(value)s") % {"value": value}})
    return number


def validate_scores(sheet: ScoringSheet, scores: Sequence[dict]) -> list[dict]:
    """Every item of the sheet scored once, each between 0 and the item's points; the
    error names the item."""
    items = {i.pk: i for i in sheet.items.all()}
    errors: dict[str, list[str]] = {}
    seen: dict[int, dict] = {}
    for entry in scores:
        item = entry.get("item")
        item_id = pk_of(item)
        if item_id not in items:
            errors.setdefault("scores", []).append(
                _("Item %(item)s is not on this scoring sheet.") % {"item": item_id}
            )
            continue
        item = items[item_id]
        field = f"score_{item.pk}"
        if item_id in seen:
            errors.setdefault(field, []).append(
                _("%(item)s is scored twice.") % {"item": item.name}
            )
            continue
        try:
            score = _decimal(entry.get("score"), field)
        except ValidationError as exc:
            errors.setdefault(field, []).extend(exc.message_dict[field])
            continue
        if score < 0:
            errors.setdefault(field, []).append(
                _("%(item)s: the score must not be negative.") % {"item": item.name}
            )
        elif score > item.points:
            errors.setdefault(field, []).append(
                _("%(item)s: the score %(score)s is above the item's %(points)s points.")
                % {"item": item.name, "score": score, "points": item.points}
            )
        elif score != score.quantize(Decimal("0.01")):
            errors.setdefault(field, []).append(
                _("%(item)s: at most two decimal places.") % {"item": item.name}
            )
        seen[item_id] = {**entry, "item": item, "score": score}
    missing = [i for pk, i in items.items() if pk not in seen]
    for item in missing:
        errors.setdefault(f"score_{item.pk}", []).append(
            _("%(item)s has no score.") % {"item": item.name}
        )
    if not items:
        errors.setdefault("sheet", []).append(_("This scoring sheet has no items."))
    if errors:
        raise ValidationError(errors)
    return [seen[pk] for pk in items]


def record_inspection(
    *,
    actor,
    village: OrgUnit,
    sheet: ScoringSheet,
    inspected_on: dt.date,
    scores: Sequence[dict],
    kind: str = "inspection",
    inspectors: str = "",
    summary: str = "",
    photos: Sequence = (),
    rectification_deadline: dt.date | None = None,
    is_illustrative: bool = False,
    at: dt.datetime | None = None,
) -> VillageInspection:
    """Score a village item by item. ``scores``: dicts with ``item``, ``score``, ``note``
    and ``raise_task`` (a deduction raises its rectification task at once, led by the
    village, due ``rectification_deadline`` or 15 working days later). An illustrative
    inspection (示例) raises illustrative tasks, in the year's illustrative list."""
    perm = "rural.add_villageinspection"
    _require(actor, perm)
    if village.kind != UnitKind.VILLAGE:
        raise ValidationError({"village": _("Choose a village.")})
    _unit_in_scope(actor, perm, village)
    at = now_or(at)
    today = timezone.localdate(at)
    if inspected_on > today:
        raise ValidationError({"inspected_on": _("The inspection date is in the future.")})
    if inspected_on < sheet.valid_from:
        raise ValidationError(
            {
                "sheet": _("This version of the sheet is valid only from %(day)s.")
                % {"day": sheet.valid_from.isoformat()}
            }
        )
    checked = validate_scores(sheet, scores)
    checked_photos = InspectionPhoto.check_uploads(photos)
    deadline = rectification_deadline or task_services.add_working_days(
        today, DEFAULT_RECTIFICATION_DAYS
    )
    if rectification_deadline and rectification_deadline < today:
        raise ValidationError(
            {"rectification_deadline": _("The rectification deadline is in the past.")}
        )
    with action_atomic():
        inspection = VillageInspection(
            village=village,
            sheet=sheet,
            kind=kind,
            inspected_on=inspected_on,
            inspectors=(inspectors or "").strip(),
            summary=(summary or "").strip(),
            recorded_by=actor,
            is_illustrative=is_illustrative,
        )
        inspection.full_clean()
        inspection.save()
        task_list = None
        for entry in checked:
            score = InspectionScore.objects.create(
                inspection=inspection,
                item=entry["item"],
                score=entry["score"],
                note=(entry.get("note") or "").strip()[:300],
            )
            if entry.get("raise_task") and score.deduction > 0:
                task_list = task_list or rectification_list(
                    actor, inspected_on.year, illustrative=is_illustrative
                )
                _raise(score, actor=actor, deadline=deadline, task_list=task_list, at=at)
        InspectionPhoto.store(checked_photos, uploaded_by=actor, inspection=inspection)
    return inspection


def rectification_list(actor, year: int, *, illustrative: bool = False) -> TaskList:
    """The year's list of inspection rectifications issued by the actor's unit (that of
    the illustrative ones, flagged 示例, apart)."""
    name = f"{year}年农村人居环境检查整改清单" + ("（示例）" if illustrative else "")
    task_list, _created = TaskList.objects.get_or_create(
        name=name,
        kind=ListKind.LIVING_ENVIRONMENT,
        issuer=actor.unit,
        year=year,
        is_illustrative=illustrative,
    )
    return task_list


def _raise(score: InspectionScore, *, actor, deadline, task_list, at) -> InspectionScore:
    inspection = score.inspection
    item = score.item
    detail = score.note or item.deduction_rule
    task_actions.open_task(
        score,
        actor=actor,
        at=at,
        title=f"{inspection.village.name}：{item.name}（扣{number(score.deduction)}分）"[:300],
        content=f"{inspection.get_kind_display()} {inspection.inspected_on:%Y-%m-%d}：{detail}",
        task_list=task_list,
        lead_unit=inspection.village,
        deadline=deadline,
        source_kind=SourceKind.VILLAGE_INSPECTION,
        is_illustrative=inspection.is_illustrative,
    )
    return score


def raise_rectification(
    score: InspectionScore | int,
    *,
    actor,
    deadline: dt.date | None = None,
    at: dt.datetime | None = None,
) -> InspectionScore:
    """Raise the rectification task of a deduction after the inspection."""
    perm = "rural.add_villageinspection"
    _require(actor, perm)
    at = now_or(at)
    today = timezone.localdate(at)
    deadline = deadline or task_services.add_working_days(today, DEFAULT_RECTIFICATION_DAYS)
    with action_atomic():
        score = fetch_locked(InspectionScore, score, actor, related=("inspection__village", "item"))
        if deadline < today:
            raise ValidationError({"deadline": _("The rectification deadline is in the past.")})
        _unit_in_scope(actor, perm, score.inspection.village)
        if score.deduction <= 0:
            raise RuralError(_("Nothing was deducted on this item."))
        if score.task_id:
            raise RuralError(_("This deduction already has its rectification task."))
        inspection = score.inspection
        task_list = rectification_list(
            actor, inspection.inspected_on.year, illustrative=inspection.is_illustrative
        )
        return _raise(score, actor=actor, deadline=deadline, task_list=task_list, at=at)


# ---------------------------------------------------------------- facilities


def villages_of_grids(user):
    """The villages whose grids the user covers (a grid worker's villages)."""
    from mingzhu.grid.actions import grids_for

    grids = grids_for(user)
    return OrgUnit.objects.filter(kind=UnitKind.VILLAGE, pk__in=grids.values("parent_id"))


def reportable_facilities(user):
    """The facilities the user may report a fault on: those in their scope, and for a
    grid worker those of the villages of their grids."""
    if not user.has_perm("rural.add_facilityfault"):
        return Facility.objects.none()
    seen = restrict(Facility.objects.all(), user, "view").values("pk")
    return Facility.objects.filter(is_active=True).filter(pk__in=seen) | Facility.objects.filter(
        is_active=True, village__in=villages_of_grids(user)
    )


def report_fault(
    *,
    actor,
    facility: Facility,
    description: str,
    source: str = FaultSource.STAFF,
    reporter_name: str = "",
    grid: OrgUnit | None = None,
    at: dt.datetime | None = None,
) -> FacilityFault:
    """Record a fault of a facility, reported by a villager (through the staff who take
    it down) or a grid worker in one of their grids of the facility's village."""
    _require(actor, "rural.add_facilityfault")
    if not reportable_facilities(actor).filter(pk=facility.pk).exists():
        raise Http404("No such facility.")
    from mingzhu.grid.actions import grids_for

    my_grids = grids_for(actor).filter(parent=facility.village_id, kind=UnitKind.GRID)
    if grid is not None and not my_grids.filter(pk=grid.pk).exists():
        raise ValidationError({"grid": _("Choose one of your grids in the facility's village.")})
    if grid is None and (
        source == FaultSource.GRID_WORKER or not in_scope(facility, actor, "view")
    ):
        # Reported through one of the reporter's grids: the fault stays in their sight.
        grid = my_grids.first()
    description = (description or "").strip()
    if not description:
        raise ValidationError({"description": _("Say what is wrong.")})
    if source == FaultSource.VILLAGER and not (reporter_name or "").strip():
        raise ValidationError({"reporter_name": _("Give the villager's name.")})
    with action_atomic():
        fault = FacilityFault(
            facility=facility,
            grid=grid,
            source=source,
            reporter_name=(reporter_name or "").strip() if source == FaultSource.VILLAGER else "",
            description=description,
            reported_by=actor,
            reported_at=now_or(at),
            is_illustrative=facility.is_illustrative,
        )
        fault.full_clean()
        fault.save()
    return fault


def may_dispatch(user) -> bool:
    return user.has_perm("rural.change_facilityfault") and user.has_perm("tasks.add_task")


def dispatch_fault(
    fault: FacilityFault | int, *, actor, comment: str = "", at: dt.datetime | None = None
) -> FacilityFault:
    """Dispatch the fault (派单): a maintenance task for the maintainer's unit (the
    village when the facility has no maintainer), due within its type's time limit."""
    at = now_or(at)
    related = ("facility__type", "facility__maintainer__unit", "facility__village")
    with action_atomic():
        fault = fetch_locked(FacilityFault, fault, actor, related=related)
        if not may_dispatch(actor):
            raise PermissionDenied(_("You may not dispatch faults."))
        if fault.task_id:
            raise RuralError(_("The fault has already been dispatched."))
        facility = fault.facility
        kind = facility.type
        lead = facility.maintainer.unit if facility.maintainer_id else facility.village
        task_actions.open_task(
            fault,
            actor=actor,
            at=at,
            title=f"{kind.name}维修：{facility}"[:300],
            content=fault.description,
            lead_unit=lead,
            deadline_basis=kind.time_limit_basis,
            time_limit=kind.time_limit,
            source_kind=SourceKind.FACILITY_FAULT,
        )
    return fault


# ---------------------------------------------------------------- secretary projects


def create_secretary_plan(*, actor, unit: OrgUnit, secretary: str, year: int) -> SecretaryPlan:
    """A secretary's plan for the year, with its own task list (书记项目)."""
    perm = "rural.add_secretaryplan"
    _require(actor, perm)
    if unit.kind not in (*TOWN_KINDS, UnitKind.VILLAGE, UnitKind.COMMUNITY):
        raise ValidationError({"unit": _("Choose a town or a village.")})
    _unit_in_scope(actor, perm, unit)
    secretary = (secretary or "").strip()
    if not secretary:
        raise ValidationError({"secretary": _("Give the secretary's name.")})
    if SecretaryPlan.objects.filter(unit=unit, year=year).exists():
        raise ValidationError(
            {"year": _("This unit already has a plan for %(year)s.") % {"year": year}}
        )
    with action_atomic():
        task_list = TaskList.objects.create(
            name=f"{year}年{unit.name}书记项目",
            kind=ListKind.SECRETARY_PROJECTS,
            issuer=actor.unit,
            year=year,
        )
        return SecretaryPlan.objects.create(
            unit=unit, secretary=secretary, year=year, task_list=task_list
        )


def add_secretary_project(
    plan: SecretaryPlan | int,
    *,
    actor,
    title: str,
    content: str = "",
    deadline: dt.date,
    milestones: Sequence[tuple[str, dt.date, int]] = (),
    at: dt.datetime | None = None,
):
    """One project of the plan, led by the plan's unit, with its milestones as sub-tasks
    (their progress, weighted, makes the project's)."""
    perm = "rural.change_secretaryplan"
    _require(actor, perm)
    plan = fetch_locked(SecretaryPlan, plan, actor, "change", lock=False)  # 404 outside
    if not (title or "").strip():
        raise ValidationError({"title": _("Give the project a title.")})
    if deadline.year != plan.year:
        raise ValidationError(
            {"deadline": _("The deadline must fall in %(year)s.") % {"year": plan.year}}
        )
    for i, (name, due, weight) in enumerate(milestones, start=1):
        if not (name or "").strip() or due > deadline or int(weight) < 1:
            raise ValidationError(
                {
                    "milestones": _(
                        "Milestone %(n)s: a name, a date by the project's deadline "
                        "and a weight of at least 1."
                    )
                    % {"n": i}
                }
            )
    at = now_or(at)
    with action_atomic():
        values = {
            "actor": actor,
            "at": at,
            "field": None,
            "task_list": plan.task_list,
            "lead_unit": plan.unit,
            "source_kind": SourceKind.OTHER,
        }
        project = task_actions.open_task(
            plan, title=title.strip()[:300], content=content, deadline=deadline, **values
        )
        for name, due, weight in milestones:
            task_actions.open_task(
                plan,
                title=name.strip()[:300],
                deadline=due,
                parent=project,
                weight=int(weight),
                **values,
            )
    return project


def review_secretary_plan(
    plan: SecretaryPlan | int,
    *,
    actor,
    score,
    comment: str = "",
    reviewed_on: dt.date | None = None,
    at: dt.datetime | None = None,
) -> SecretaryPlan:
    """Record the year-end review (述职评议) score, 0 to 100."""
    with action_atomic():
        plan = fetch_locked(SecretaryPlan, plan, actor)
        _require(actor, "rural.review_secretaryplan")
        value = _decimal(score, "review_score")
        if not Decimal(0) <= value <= Decimal(100) or value != value.quantize(Decimal("0.01")):
            raise ValidationError({"review_score": _("The score must lie between 0 and 100.")})
        day = reviewed_on or timezone.localdate(now_or(at))
        if day > timezone.localdate(now_or(at)):
            raise ValidationError({"reviewed_on": _("The review date is in the future.")})
        plan.review_score = value
        plan.review_comment = (comment or "").strip()
        plan.reviewed_on = day
        plan.save(update_fields=["review_score", "review_comment", "reviewed_on", "updated_at"])
    return plan
