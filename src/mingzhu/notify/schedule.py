"""The scheduled jobs (定时任务): what runs, on which cron schedule (city time), and the
record of each run. ``run_due`` runs every active job whose next run has come: a job is
taken by one conditional UPDATE of its next run, so two workers never run the same slot;
each run is recorded, and a failed one is told to the administrators.
"""

from __future__ import annotations

import datetime as dt
import logging
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from cronsim import CronSim, CronSimError
from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mingzhu.tasks.choices import ACTIVE, NoticeKind
from mingzhu.tasks.notices import holders, tell
from mingzhu.tasks.services import is_workday

from .models import Job, JobRun

log = logging.getLogger("mingzhu.notify")


def next_run(schedule: str, after: dt.datetime) -> dt.datetime:
    """The first moment after ``after`` that the cron expression names, in city time."""
    local = timezone.localtime(after).replace(second=0, microsecond=0)
    return next(CronSim(schedule, local))


def check_schedule(schedule: str) -> str:
    """The expression, or ValueError with a message a person can read."""
    schedule = " ".join((schedule or "").split())
    try:
        next_run(schedule, timezone.now())
    except (CronSimError, StopIteration, ValueError):
        raise ValueError(
            _("%(value)s is not a cron expression (minute hour day month weekday).")
            % {"value": schedule}
        ) from None
    return schedule


# The jobs ------------------------------------------------------------------------------


def _supervise(now: dt.datetime) -> str:
    from mingzhu.tasks.jobs import supervise

    counts = supervise(timezone.localdate(now))
    return (
        _(
            "%(red)s red, %(yellow)s yellow, %(blue)s blue; %(created)s new sheets, "
            "%(notified)s notices."
        )
        % counts
    )


def _digest(now: dt.datetime) -> str:
    """Per unit, on working days: today's open tasks, red lights, new sheets since
    yesterday; told to the unit's task handlers (and so to the unit's group)."""
    from mingzhu.org.models import OrgUnit
    from mingzhu.tasks.models import SupervisionSheet, Task

    today = timezone.localdate(now)
    if not is_workday(today):
        return _("Not a working day: no digest.")
    counts = (
        Task.objects.filter(status__in=ACTIVE)
        .values("lead_unit")
        .annotate(open=Count("pk"), red=Count("pk", filter=Q(deadline__lt=today)))
    )
    sheets = Counter(
        SupervisionSheet.objects.filter(issued_on__gte=today - dt.timedelta(days=1)).values_list(
            "unit", flat=True
        )
    )
    units = {u.pk: u for u in OrgUnit.objects.filter(pk__in=[c["lead_unit"] for c in counts])}
    told = 0
    for row in counts:
        unit = units[row["lead_unit"]]
        with translation.override(settings.LANGUAGE_CODE):
            text = _("Today %(open)s open tasks, %(red)s red lights, %(sheets)s new sheets") % {
                "open": row["open"],
                "red": row["red"],
                "sheets": sheets.get(unit.pk, 0),
            }
        people = holders("tasks.change_task", units=[unit])
        told += len(
            tell(people, kind=NoticeKind.DIGEST, text=f"{unit.name}：{text}", link="/tasks/")
        )
    return _("%(count)s digest notices.") % {"count": told}


def _weekly_summary(now: dt.datetime) -> str:
    """To each city leader: the tasks they lead (挂钩) and the projects they are linked
    to, their lights."""
    from mingzhu.org.choices import RoleCode
    from mingzhu.org.models import User
    from mingzhu.tasks.models import Task

    today = timezone.localdate(now)
    leaders = User.objects.filter(roles__code=RoleCode.LEADER, is_active=True).distinct()
    told = 0
    for leader in leaders:
        tasks = Task.objects.filter(leader=leader, status__in=ACTIVE)
        red = tasks.filter(deadline__lt=today).count()
        projects = _linked_projects(leader)
        with translation.override(settings.LANGUAGE_CODE):
            text = _(
                "This week: %(tasks)s open tasks you lead, %(red)s red; %(projects)s linked "
                "projects"
            ) % {"tasks": tasks.count(), "red": red, "projects": projects}
        told += len(tell([leader.pk], kind=NoticeKind.SUMMARY, text=text, link="/"))
    return _("%(count)s summaries.") % {"count": told}


def _linked_projects(leader) -> int:
    from mingzhu.projects.models import Project

    return Project.objects.filter(liaison_leader=leader).count()


@dataclass(frozen=True)
class JobSpec:
    name: object
    schedule: str
    run: Callable[[dt.datetime], str]


JOBS: dict[str, JobSpec] = {
    "supervise": JobSpec(
        gettext_lazy("Daily supervision (lights and sheets)"), "0 6 * * *", _supervise
    ),
    "digest": JobSpec(gettext_lazy("Daily digest per unit"), "30 8 * * 1-5", _digest),
    "weekly_summary": JobSpec(
        gettext_lazy("Weekly summary to the city leaders"), "0 9 * * 1", _weekly_summary
    ),
}


def ensure_jobs(now: dt.datetime | None = None) -> list[Job]:
    """The jobs' rows, created with their default schedules where missing."""
    now = now or timezone.now()
    for code, spec in JOBS.items():
        with translation.override(settings.LANGUAGE_CODE):
            name = str(spec.name)
        Job.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "schedule": spec.schedule,
                "next_run_at": next_run(spec.schedule, now),
            },
        )
    return list(Job.objects.all())


def run_job(job: Job, *, now: dt.datetime | None = None) -> JobRun:
    """Run one job now and record the run; a failure is recorded and told to the
    administrators, never raised."""
    now = now or timezone.now()
    run = JobRun.objects.create(job=job, started_at=timezone.now())
    try:
        result = JOBS[job.code].run(now)
    except Exception as exc:  # noqa: BLE001 - any failure of a job is recorded
        run.ok = False
        run.error = "".join(traceback.format_exception_only(type(exc), exc)).strip()[:2000]
        log.exception("job %s failed", job.code)
    else:
        run.ok, run.result = True, str(result)
    run.finished_at = timezone.now()
    run.save(update_fields=["ok", "result", "error", "finished_at", "updated_at"])
    if not run.ok:
        with translation.override(settings.LANGUAGE_CODE):
            text = _("Scheduled job failed: %(job)s: %(error)s") % {
                "job": job.name,
                "error": run.error.splitlines()[-1][:200] if run.error else "",
            }
        tell(
            holders("notify.change_job"),
            kind=NoticeKind.JOB_FAILED,
            text=text,
            link="/notify/jobs/",
        )
    return run


def run_due(now: dt.datetime | None = None) -> list[JobRun]:
    """Run every active job whose next run has come (each slot once, whichever worker
    takes it)."""
    now = now or timezone.now()
    ensure_jobs(now)
    runs = []
    for job in Job.objects.filter(is_active=True, next_run_at__lte=now).order_by("pk"):
        following = next_run(job.schedule, now)
        taken = Job.objects.filter(pk=job.pk, next_run_at=job.next_run_at).update(
            next_run_at=following
        )
        if taken:
            runs.append(run_job(job, now=now))
    return runs
