"""Audit trail: every change to business data, with who, when, before, after and request.

The storage is django-auditlog's ``LogEntry``; this module adds the request id (also sent
back as the ``X-Request-ID`` response header) that ties together all entries of one request,
and a registration helper so every Mingzhu model is registered the same way.
"""

from __future__ import annotations

import re
import uuid
from contextlib import contextmanager
from contextvars import ContextVar

from auditlog.context import auditlog_value, set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.db import models

_request_id: ContextVar[str | None] = ContextVar("mingzhu_request_id", default=None)
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

# Fields never copied into the audit trail: secrets, and the timestamp every save touches.
SECRET_FIELDS = ("password",)
NOISE_FIELDS = ("updated_at",)


def get_request_id() -> str | None:
    return _request_id.get()


class RequestIdMiddleware:
    """Gives every request an id (the caller's X-Request-ID when well formed)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


def audited(*, exclude_fields: tuple[str, ...] = (), m2m_fields: tuple[str, ...] = ()):
    """Class decorator: record every create, update and delete of the model."""

    def register(model: type[models.Model]) -> type[models.Model]:
        excluded = {*exclude_fields, *SECRET_FIELDS, *NOISE_FIELDS}
        # Only the model's own columns (and the named many-to-many fields): reverse
        # relations are not part of an object's state.
        own = [f.name for f in model._meta.concrete_fields if f.name not in excluded]
        auditlog.register(
            model,
            include_fields=own,
            exclude_fields=sorted(excluded),
            m2m_fields=set(m2m_fields),
            serialize_data=True,
            serialize_auditlog_fields_only=True,
        )
        return model

    return register


@contextmanager
def acting(actor):
    """Changes saved inside carry ``actor`` as their author in the audit trail, whether
    the action runs in a request (where the actor is the signed-in user) or from a command
    or job. The request's own context (its address) is kept and restored afterwards."""
    outer = auditlog_value.get(None)
    address = outer.get("remote_addr") if outer else None
    try:
        with set_actor(actor, remote_addr=address):
            yield
    finally:
        if outer is not None:
            auditlog_value.set(outer)


def is_audited(model: type[models.Model]) -> bool:
    return auditlog.contains(model)


def history_for(obj: models.Model) -> models.QuerySet[LogEntry]:
    content_type = ContentType.objects.get_for_model(type(obj))
    return (
        LogEntry.objects.filter(content_type=content_type, object_pk=str(obj.pk))
        .select_related("actor")
        .order_by("-timestamp", "-pk")
    )
