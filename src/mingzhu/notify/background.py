"""Background jobs (后台作业): work one person started that the worker runs instead of
their request (a large import), so that no page waits minutes on it.

A module registers a kind of job with ``register(kind, describe=…, link=…)`` on the
function that runs it; ``enqueue(kind, owner=…, key=…, params=…)`` writes a job (a key
already used is refused with ``AlreadyQueued``: one job per uploaded file and step). The
worker's round calls ``run_due``: ``claim`` takes the oldest queued job with a lease (one
conditional UPDATE, so two workers never take the same job), ``run`` runs it as its owner
(``core.audit.acting_as``: the audit trail names them, and the job's own checks of
permission and scope are theirs), in the language they started it in, records the result
or the error and tells the owner in the app (``describe`` writes the notice, ``link``
names the job's page). A job whose worker died is taken again when its lease ends, once;
after that it is marked failed.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .choices import JobStatus
from .models import BackgroundJob

log = logging.getLogger("mingzhu.notify")

# Long enough for the largest import the limits allow; a job still running past it is
# taken to be abandoned by a worker that died.
LEASE = dt.timedelta(minutes=30)
MAX_ATTEMPTS = 2


class JobError(Exception):
    """A job's refusal, in words for the person who started it; ``result`` keeps what
    the page shows with it (e.g. the rows refused)."""

    def __init__(self, message, result: dict | None = None):
        super().__init__(message)
        self.result = result or {}


class AlreadyQueued(Exception):
    """A job with the key was already started."""

    def __init__(self, job: BackgroundJob | None):
        super().__init__("already queued")
        self.job = job


@dataclass(frozen=True)
class Kind:
    run: Callable[[BackgroundJob], dict]
    describe: Callable[[BackgroundJob], str]
    link: Callable[[BackgroundJob], str]


KINDS: dict[str, Kind] = {}


def register(kind: str, *, describe, link):
    """Register the decorated ``run(job) -> result`` for jobs of ``kind``; ``describe(job)``
    gives the notice told to the owner when it has finished, ``link(job)`` its page."""

    def decorate(run):
        KINDS[kind] = Kind(run=run, describe=describe, link=link)
        return run

    return decorate


def enqueue(kind: str, *, owner, key: str, params: dict) -> BackgroundJob:
    if kind not in KINDS:
        raise ValueError(f"No background job of kind {kind!r} is registered.")
    try:
        with transaction.atomic():
            return BackgroundJob.objects.create(kind=kind, owner=owner, key=key, params=params)
    except IntegrityError:
        raise AlreadyQueued(BackgroundJob.objects.filter(key=key).first()) from None


def _due(now) -> Q:
    return Q(status=JobStatus.QUEUED) | Q(status=JobStatus.RUNNING, lease_until__lt=now)


def claim(*, worker: str, now=None) -> BackgroundJob | None:
    """Take the oldest due job for ``worker`` with a lease, or None."""
    now = now or timezone.now()
    candidates = BackgroundJob.objects.filter(_due(now)).order_by("created_at", "pk")
    for pk in candidates.values_list("pk", flat=True)[:10]:
        won = BackgroundJob.objects.filter(_due(now), pk=pk).update(
            status=JobStatus.RUNNING,
            lease_until=now + LEASE,
            claimed_by=worker,
            attempts=F("attempts") + 1,
            started_at=now,
            updated_at=now,
        )
        if won:
            return BackgroundJob.objects.select_related("owner").get(pk=pk)
    return None


def run(job: BackgroundJob, *, worker: str) -> BackgroundJob:
    """Run one claimed job as its owner and record the outcome (only while the claim is
    still this worker's); the owner is told either way. Nothing is raised."""
    from mingzhu.core.audit import acting_as

    language = job.params.get("language") or settings.LANGUAGE_CODE
    result, error = {}, ""
    kind = KINDS.get(job.kind)
    with translation.override(language):
        if kind is None:
            error = _("This kind of job is not known to the worker.")
        elif job.attempts > MAX_ATTEMPTS:
            error = _("The worker stopped while running the job; start it again.")
        else:
            try:
                with acting_as(job.owner):
                    result = kind.run(job)
            except JobError as exc:
                error, result = str(exc), exc.result
            except Exception:  # noqa: BLE001 - any failure is recorded, the worker goes on
                log.exception("background job %s (%s) failed", job.pk, job.kind)
                error = _(
                    "The job failed unexpectedly; nothing was changed. The administrator "
                    "can read the cause in the worker's log."
                )
    job.status = JobStatus.FAILED if error else JobStatus.DONE
    job.result, job.error, job.finished_at = result or {}, error, timezone.now()
    recorded = BackgroundJob.objects.filter(
        pk=job.pk, status=JobStatus.RUNNING, claimed_by=worker
    ).update(
        status=job.status,
        result=job.result,
        error=job.error,
        finished_at=job.finished_at,
        lease_until=None,
        updated_at=timezone.now(),
    )
    if recorded and kind is not None:
        _tell(job, kind)
    return job


def _tell(job: BackgroundJob, kind: Kind) -> None:
    from mingzhu.tasks.choices import NoticeKind
    from mingzhu.tasks.notices import tell, written_language

    with written_language():
        text = kind.describe(job)
    tell([job.owner_id], kind=NoticeKind.BACKGROUND, text=text, link=kind.link(job))


def run_due(*, worker: str, now=None, limit: int = 3) -> list[BackgroundJob]:
    """Claim and run up to ``limit`` due jobs, one after another."""
    done = []
    for _i in range(limit):
        job = claim(worker=worker, now=now)
        if job is None:
            break
        done.append(run(job, worker=worker))
    return done
