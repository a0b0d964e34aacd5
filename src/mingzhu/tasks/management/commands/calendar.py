import datetime as dt
import os

from auditlog.context import set_actor
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from mingzhu.core.commands import BaseCommand, active_user, file_error
from mingzhu.core.tabular import WorkbookError
from mingzhu.tasks import calendar, services
from mingzhu.tasks.choices import DeadlineBasis

IMPORT_PERMISSIONS = ("tasks.change_holidayyear", "tasks.add_holidayday")


def _moment(text: str) -> dt.datetime:
    """``YYYY-MM-DD`` (midnight) or ``YYYY-MM-DD HH:MM``, Asia/Shanghai."""
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(
            _("--from must be a day (2026-12-30) or a moment (2026-12-30 16:00), not %(value)r.")
            % {"value": text}
        ) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=services.WORK_ZONE)
    return value


class Command(BaseCommand):
    # The command says the calendar's own warning; the system checks would repeat it.
    requires_system_checks = []
    help = (
        "The working-day calendar. `calendar due --from DAY --working-days N` (or "
        "`--working-hours H` from a moment, e.g. --from '2026-12-30 16:00') prints the "
        "deadline the engine would set; `calendar import FILE [--year Y]` enters a year's "
        "holiday arrangement from a sheet (columns 日期, 类型 放假/调休上班, 名称); "
        "`calendar years` lists the years and whether each is entered; `calendar affected "
        "--year Y` lists the active tasks whose deadline in working days or hours lies in Y "
        "(deadlines already set are not recomputed when a year is entered)."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        due = sub.add_parser("due", help="The deadline of a time limit.")
        due.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD [HH:MM]")
        limit = due.add_mutually_exclusive_group(required=True)
        limit.add_argument("--working-days", dest="days", type=int)
        limit.add_argument("--working-hours", dest="hours", type=float)
        imp = sub.add_parser("import", help="Enter a year's arrangement from a sheet.")
        imp.add_argument("file")
        imp.add_argument("--year", type=int, help="Default: the year of the first date.")
        imp.add_argument("--notice", default="", help="The notice's title or number.")
        imp.add_argument(
            "--draft",
            action="store_true",
            help="Load the days without marking the year entered.",
        )
        imp.add_argument(
            "--user",
            default=os.environ.get("MINGZHU_USER"),
            help="The administrator entering it; default $MINGZHU_USER.",
        )
        sub.add_parser("years", help="The years of the table and whether each is entered.")
        affected = sub.add_parser(
            "affected",
            help="Active tasks with a deadline in working days or hours in a year: "
            "to review after the year's arrangement is entered (they are not recomputed).",
        )
        affected.add_argument("--year", type=int, required=True)

    def handle(self, *args, action, **options):
        getattr(self, f"handle_{action}")(**options)

    def handle_due(self, *, start, days, hours, **options):
        moment = _moment(start)
        if days is not None:
            if days < 0:
                raise CommandError(_("--working-days must not be negative."))
            limit, basis = days, DeadlineBasis.WORKING_DAYS
        else:
            if hours < 0:
                raise CommandError(_("--working-hours must not be negative."))
            limit, basis = hours, DeadlineBasis.WORKING_HOURS
        with services.noting_unentered_years() as years:
            deadline, due_at = services.due_for(moment, limit, basis)
        if years:
            self.stderr.write(_("Warning: %(text)s") % {"text": calendar.warning_for(years)})
        if due_at is not None:
            self.stdout.write(due_at.astimezone(services.WORK_ZONE).strftime("%Y-%m-%d %H:%M"))
        else:
            self.stdout.write(deadline.isoformat())

    def handle_import(self, *, file, year, notice, draft, user, **options):
        if not user:
            raise CommandError(
                _("Name the administrator: --user USERNAME or the MINGZHU_USER variable.")
            )
        actor = active_user(user)
        if not all(actor.has_perm(p) for p in IMPORT_PERMISSIONS):
            raise CommandError(_("%(user)s may not enter holiday arrangements.") % {"user": user})
        try:
            with open(file, "rb") as handle:
                if year is None:
                    year = calendar.year_of(handle)
                    if year is None:
                        raise WorkbookError(_("The sheet has no days: nothing imported."))
                with set_actor(actor):
                    result = calendar.import_year(
                        handle, year=year, notice=notice, entered=not draft
                    )
        except OSError as exc:
            raise file_error(file, exc) from None
        except WorkbookError as exc:
            raise CommandError(str(exc)) from exc
        for error in result.errors:
            self.stderr.write(str(error))
        if result.errors:
            raise CommandError(_("Nothing imported: fix the rows above."))
        state = _("entered") if not draft else _("draft, not entered yet")
        self.stdout.write(
            _("%(count)s days of %(year)s imported (%(state)s).")
            % {"count": result.created, "year": year, "state": state}
        )

    def handle_years(self, **options):
        from django.db.models import Count

        from mingzhu.tasks.models import HolidayYear

        for row in HolidayYear.objects.annotate(n=Count("days")).order_by("year"):
            state = _("entered") if row.entered else _("draft, not entered yet")
            self.stdout.write(f"{row.year}\t{state}\t{row.n}\t{row.notice}")

    def handle_affected(self, *, year, **options):
        from mingzhu.tasks.choices import ACTIVE
        from mingzhu.tasks.models import Task

        tasks = (
            Task.objects.filter(status__in=ACTIVE, deadline__year=year)
            .exclude(deadline_basis=DeadlineBasis.CALENDAR_DAYS)
            .select_related("lead_unit")
            .order_by("deadline", "pk")
        )
        for task in tasks:
            self.stdout.write(
                f"{task.code}\t{task.deadline.isoformat()}\t"
                f"{task.get_deadline_basis_display()}\t{task.lead_unit}\t{task.title}"
            )
