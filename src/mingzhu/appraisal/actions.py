"""Computing, publishing and editing: keyword-only actor, one
transaction, rows locked, permission then state checked. A published result is frozen.

Errors: not allowed -> PermissionDenied; wrong state or input -> ActionError /
ValidationError (400); published twice -> ActionConflict (409).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from mingzhu.core.actions import ActionConflict, ActionError, action_atomic, fetch_locked, require
from mingzhu.core.versioning import save_version
from mingzhu.org.models import OrgUnit

from . import inputs, scoring
from .choices import ResultStatus, Subject
from .models import AppraisalResult, FlagAward, ResultRow, Scheme, SchemeItem, SchemeRule

COMPUTE = "appraisal.add_appraisalresult"
PUBLISH = "appraisal.publish_appraisalresult"
EDIT = "appraisal.edit_scheme"


def current_scheme(code: str) -> Scheme:
    scheme = Scheme.latest_of(code)
    if scheme is None:
        raise ActionError(_("No scheme with the code %(code)s.") % {"code": code})
    return scheme


def inputs_for(scheme: Scheme, year: int, quarter: int) -> list[scoring.UnitInput]:
    if scheme.subject == Subject.TOWNS:
        return inputs.town_inputs(year, quarter)
    return inputs.department_inputs(year, quarter)


def may_compute(user) -> bool:
    return user.has_perm(COMPUTE)


def may_publish(user) -> bool:
    return user.has_perm(PUBLISH)


def compute_result(
    *,
    actor,
    scheme_code: str,
    year: int,
    quarter: int,
    at: dt.datetime | None = None,
    is_illustrative: bool = False,
) -> AppraisalResult:
    """Score the quarter with the scheme's current version and keep it as a draft
    (replacing an earlier draft); a published quarter is frozen."""
    if not may_compute(actor):
        raise PermissionDenied(_("Only the supervision office computes appraisal results."))
    if quarter not in (1, 2, 3, 4) or not 2000 <= year <= 2100:
        raise ValidationError({"quarter": _("Not a quarter like 2025Q2.")})
    if actor.unit is None:
        raise ValidationError({"issuer": _("The issuing unit is required.")})
    at = at or timezone.now()
    with action_atomic():
        scheme = current_scheme(scheme_code)
        result = (
            AppraisalResult.objects.select_for_update()
            .filter(scheme_code=scheme_code, year=year, quarter=quarter)
            .first()
        )
        if result is not None and result.status == ResultStatus.PUBLISHED:
            raise ActionError(
                _("%(quarter)s has been published and is frozen.") % {"quarter": result.label}
            )
        rows = scoring.score(inputs_for(scheme, year, quarter), scheme.spec())
        if result is None:
            result = AppraisalResult(scheme_code=scheme_code, year=year, quarter=quarter)
        result.scheme = scheme
        result.issuer = actor.unit
        result.computed_at = at
        result.computed_by = actor
        result.is_illustrative = is_illustrative
        result.save()
        result.rows.all().delete()
        _store_rows(result, rows)
    return result


def _store_rows(result: AppraisalResult, rows: Sequence[scoring.ScoreRow]) -> None:
    units = dict(OrgUnit.objects.filter(code__in=[r.unit for r in rows]).values_list("code", "pk"))
    ResultRow.objects.bulk_create(
        ResultRow(
            result=result,
            unit_id=units[r.unit],
            score=Decimal(str(round(r.score, 4))),
            rank=r.rank,
            items=r.items,
            points=r.points,
            bonus=Decimal(str(round(r.bonus, 2))),
            flag=r.flag,
        )
        for r in rows
    )


def publish_result(
    result: AppraisalResult | int, *, actor, at: dt.datetime | None = None
) -> AppraisalResult:
    """Publish (and freeze) a result of a quarter that has ended: records who published it
    and awards the flags, with the runs they continue."""
    if not may_publish(actor):
        raise PermissionDenied(_("Only the supervision office publishes results."))
    with action_atomic():
        result = fetch_locked(AppraisalResult, result, actor)  # 404 outside the scope
        if result.status == ResultStatus.PUBLISHED:
            raise ActionConflict(_("The result has already been published."))
        if not result.rows.exists():
            raise ActionError(_("The result has no rows; compute it first."))
        today = timezone.localdate(at) if at else timezone.localdate()
        if not result.has_ended_by(today):
            # Flags and the assessment count what was due in the quarter: a quarter still
            # running would count tasks not yet due as missed.
            raise ActionError(
                _(
                    "%(quarter)s runs until %(end)s: a result is published only after its "
                    "quarter has ended."
                )
                % {"quarter": result.label, "end": result.period_end.isoformat()}
            )
        result.status = ResultStatus.PUBLISHED
        result.published_at = at or timezone.now()
        result.published_by = actor
        result.save()
        _award_flags(result)
    return result


def _award_flags(result: AppraisalResult) -> None:
    flagged = list(result.rows.exclude(flag="").select_related("unit"))
    if not flagged:
        return
    history = [
        ((y, q), code, colour)
        for y, q, code, colour in FlagAward.objects.filter(
            result__scheme_code=result.scheme_code
        ).values_list("year", "quarter", "unit__code", "colour")
    ]
    history += [((result.year, result.quarter), r.unit.code, r.flag) for r in flagged]
    runs = {
        (s.unit, s.colour): s
        for s in scoring.streaks(history)
        if s.quarter == (result.year, result.quarter)
    }
    FlagAward.objects.bulk_create(
        FlagAward(
            result=result,
            unit=r.unit,
            year=result.year,
            quarter=result.quarter,
            colour=r.flag,
            streak=runs[(r.unit.code, r.flag)].streak,
            interview=runs[(r.unit.code, r.flag)].interview,
            kept_for_good=runs[(r.unit.code, r.flag)].kept_for_good,
        )
        for r in flagged
    )


def save_scheme_version(
    scheme: Scheme | int,
    *,
    actor,
    name: str,
    items: Sequence[dict],
    rules: Sequence[dict] = (),
    tie_break: str | None = None,
    note: str = "",
) -> Scheme:
    """Save an edited scheme as its next version; earlier results keep their version.
    The edit starts from ``scheme``: if a later version was saved meanwhile, it is refused
    (ActionConflict)."""
    require(actor, EDIT, _("Only the supervision office edits schemes."))
    pk = scheme if isinstance(scheme, int) else scheme.pk
    errors = _check_items(items, rules)
    if errors:
        raise ValidationError(errors)
    base = Scheme.objects.filter(pk=pk).first()
    if base is None:
        raise Http404("No such scheme.")
    tie = base.tie_break if tie_break is None else tie_break
    codes = {i["code"] for i in items}
    unknown = [c.strip() for c in tie.split(",") if c.strip() and c.strip() not in codes]
    if unknown:
        raise ValidationError(
            {"tie_break": _("Unknown item codes: %(codes)s") % {"codes": ", ".join(unknown)}}
        )

    def create(version: int) -> Scheme:
        new = Scheme.objects.create(
            code=base.code,
            version=version,
            name=(name or base.name).strip(),
            subject=base.subject,
            method=base.method,
            tie_break=tie,
            awards_flags=base.awards_flags,
            note=(note or "").strip(),
            created_by=actor,
        )
        SchemeItem.objects.bulk_create(
            SchemeItem(
                scheme=new,
                code=i["code"],
                name=i["name"],
                weight=Decimal(str(i["weight"])),
                cap=None if i.get("cap") in (None, "") else Decimal(str(i["cap"])),
                lower_is_better=bool(i.get("lower_is_better")),
                sort_order=n,
            )
            for n, i in enumerate(items, start=1)
        )
        SchemeRule.objects.bulk_create(
            SchemeRule(scheme=new, code=r["code"], name=r["name"], points=Decimal(str(r["points"])))
            for r in rules
        )
        return new

    return save_version(Scheme, key=base.code, based_on=base.version, create=create)


def _check_items(items: Sequence[dict], rules: Sequence[dict]) -> dict:
    errors: dict[str, list[str]] = {}
    if not items:
        errors.setdefault("items", []).append(_("A scheme needs at least one item."))
    seen = set()
    for n, i in enumerate(items, start=1):
        code = (i.get("code") or "").strip()
        if not code or not (i.get("name") or "").strip():
            errors.setdefault("items", []).append(
                _("Item %(n)s: code and name are required.") % {"n": n}
            )
        if code in seen:
            errors.setdefault("items", []).append(
                _("Item %(n)s: the code %(code)s appears twice.") % {"n": n, "code": code}
            )
        seen.add(code)
        try:
            weight = Decimal(str(i.get("weight")))
        except Exception:  # noqa: BLE001 - any unparsable weight is the same error
            weight = Decimal(-1)
        if not weight.is_finite() or weight < 0:
            errors.setdefault("items", []).append(
                _("Item %(n)s: the weight must be a number, 0 or more.") % {"n": n}
            )
    rule_codes = set()
    for n, r in enumerate(rules, start=1):
        code = (r.get("code") or "").strip()
        if not code or code in rule_codes:
            errors.setdefault("rules", []).append(
                _("Rule %(n)s: a code is required, once.") % {"n": n}
            )
        rule_codes.add(code)
    return errors
