"""The dispatch classifier against the database: its training history, the stored model,
and the suggestion for one request."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from mingzhu.org.models import OrgUnit
from mingzhu.tasks.choices import Status as TaskStatus

from . import classifier
from .classifier import MIN_SAMPLES, NotEnoughHistory
from .models import CitizenRequest, DispatchModel

__all__ = ["NotEnoughHistory", "for_request", "history", "status", "train_from_history"]
KEEP_MODELS = 3


def text_of(category: str, content: str) -> str:
    return f"{category} {content}"


def _dispatched():
    return (
        CitizenRequest.objects.filter(task__isnull=False, pending_return=False)
        .exclude(task__status=TaskStatus.CANCELLED)
        .order_by("received_at", "pk")
    )


def history(with_dates: bool = False):
    """Past dispatches, oldest first: the request's text and the unit that kept it (a
    request returned as misdirected counts for the unit it was re-dispatched to), and with
    ``with_dates`` the day each was received."""
    rows = _dispatched().values_list(
        "category__name", "content", "task__lead_unit_id", "received_at"
    )
    texts, labels, dates = [], [], []
    for category, content, unit, received in rows.iterator(chunk_size=2000):
        texts.append(text_of(category, content))
        labels.append(unit)
        dates.append(timezone.localdate(received))
    return (texts, labels, dates) if with_dates else (texts, labels)


def train_from_history(actor=None) -> DispatchModel:
    texts, labels, dates = history(with_dates=True)
    trained = classifier.train(texts, labels, dates)
    with transaction.atomic():
        stored = DispatchModel.objects.create(
            trained_at=timezone.now(),
            samples=trained.samples,
            held_out=trained.held_out,
            held_out_from=trained.held_out_from,
            held_out_to=trained.held_out_to,
            top1=trained.top1,
            top3=trained.top3,
            units=trained.classes,
            seconds=trained.seconds,
            blob=trained.dumps(),
        )
        old = DispatchModel.objects.order_by("-trained_at", "-pk").values_list("pk", flat=True)
        DispatchModel.objects.filter(pk__in=list(old[KEEP_MODELS:])).delete()
    return stored


def latest() -> DispatchModel | None:
    return DispatchModel.objects.defer("blob").order_by("-trained_at", "-pk").first()


def for_request(request: CitizenRequest) -> dict:
    """Top-3 units with their scores, or the reason there is no suggestion."""
    model = latest()
    if model is None:
        return {"units": [], "reason": "untrained"}
    loaded = classifier.loaded(
        model.pk, lambda: DispatchModel.objects.values_list("blob", flat=True).get(pk=model.pk)
    )
    ranked = loaded.suggest(text_of(request.category.name, request.content))
    units = OrgUnit.objects.in_bulk([u for u, _s in ranked])
    return {
        "model": model,
        "units": [{"unit": units[u], "score": s} for u, s in ranked if u in units],
        "reason": "",
    }


def status() -> dict:
    labels = list(_dispatched().values_list("task__lead_unit_id", flat=True))
    try:
        classifier.check_history(labels)
        enough = True
    except NotEnoughHistory:
        enough = False
    return {
        "model": latest(),
        "history": len(labels),
        "enough": enough,
        "min_samples": MIN_SAMPLES,
    }
