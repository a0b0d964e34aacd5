"""Audit trail: every change to business data, with who, when, before, after and request.

The storage is django-auditlog's ``LogEntry``; this module adds the request id (also sent
back as the ``X-Request-ID`` response header) that ties together all entries of one request,
and a registration helper so every Mingzhu model is registered the same way.
"""

from __future__ import annotations

import contextlib
import re
import uuid
from contextvars import ContextVar

from auditlog.context import auditlog_value, set_actor
from auditlog.middleware import AuditlogMiddleware
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.db import models

from .proxy import client_address, from_trusted_proxy

_request_id: ContextVar[str | None] = ContextVar("mingzhu_request_id", default=None)
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

# Fields never copied into the audit trail: secrets, and the timestamp every save touches.
SECRET_FIELDS = ("password",)
NOISE_FIELDS = ("updated_at",)


def get_request_id() -> str | None:
    return _request_id.get()


# The account scheduled jobs (the daily supervision, recomputations) act as.
SYSTEM_USERNAME = "system"


class RequestIdMiddleware:
    """Gives every request an id: the X-Request-ID the trusted reverse proxy passes on
    when well formed (``MINGZHU_BEHIND_PROXY``), else a new one. A caller cannot choose
    the correlation id of the audit entries its request writes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "") if from_trusted_proxy(request) else ""
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


class AuditActorMiddleware(AuditlogMiddleware):
    """django-auditlog's middleware with the client's address as ``core.proxy`` finds it
    (the forwarded address only from the trusted proxy). The actor is the signed-in user
    of the session; API calls authenticated by token name theirs when DRF authenticates
    them (``core.drf``), through ``name_actor``."""

    @staticmethod
    def _get_remote_addr(request):
        return client_address(request)

    @staticmethod
    def _get_remote_port(request):
        return None


def name_actor(user) -> None:
    """Make ``user`` the author of the changes the current request makes from now on
    (for an authentication that happens after the middleware ran, e.g. an API token)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return
    try:
        context = auditlog_value.get()
    except LookupError:
        return
    context["actor"] = user


@contextlib.contextmanager
def acting_as(user):
    """Every change made inside the block is recorded as ``user``'s, in a request (its
    client address kept) or from a command or job (a command run as the user it names, a
    job as the system account). The enclosing context is restored afterwards."""
    outer = auditlog_value.get(None)
    address = outer.get("remote_addr") if outer else None
    try:
        with set_actor(user, remote_addr=address):
            yield user
    finally:
        if outer is not None:  # the enclosing request's or command's context again
            auditlog_value.set(outer)


def system_account():
    """The account scheduled jobs act as: it cannot sign in (inactive, no password) and
    holds no role; its name in the trail says a job made the change."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    user = user_model._default_manager.filter(username=SYSTEM_USERNAME).first()
    if user is None:
        user = user_model(username=SYSTEM_USERNAME, display_name="系统任务", is_active=False)
        user.set_unusable_password()
        user.save()
    return user


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


def is_audited(model: type[models.Model]) -> bool:
    return auditlog.contains(model)


# Reads every entry of the trail, whatever its object and the reader's scope (an audit
# role); everybody else with the change log reads the entries of objects they may view.
WHOLE_TRAIL = "org.view_whole_trail"


def visible_entries(user) -> models.QuerySet[LogEntry]:
    """The change-log entries ``user`` may read: none without ``auditlog.view_logentry``;
    all with ``WHOLE_TRAIL``; else the entries of the objects the user may view now,
    through ``restrict`` like every other list (reference data for everyone; deleted
    objects, which nobody can view any more, only for the audit role)."""
    from .scope import permission_name, restrict, scope_q, user_scope

    entries = LogEntry.objects.all()
    if not user.has_perm("auditlog.view_logentry"):
        return entries.none()
    if user.has_perm(WHOLE_TRAIL):
        return entries
    audited_models = [m for m in auditlog.get_models() if not m._meta.abstract]
    types = ContentType.objects.get_for_models(*audited_models)
    whole_types: list[int] = []
    q = models.Q(pk__in=[])
    for model in audited_models:
        content_type = types[model]
        if getattr(model, "scope_global", False):
            whole_types.append(content_type.pk)
            continue
        perm = permission_name(model, "view")
        if not user.has_perm(perm):
            continue
        if scope_q(model, user_scope(user, perm), user) is None:
            whole_types.append(content_type.pk)
            continue
        seen = restrict(model._default_manager.all(), user, "view").values("pk")
        q |= models.Q(content_type_id=content_type.pk, object_id__in=seen)
    if whole_types:
        q |= models.Q(content_type_id__in=whole_types)
    return entries.filter(q)


def history_for(obj: models.Model) -> models.QuerySet[LogEntry]:
    content_type = ContentType.objects.get_for_model(type(obj))
    return (
        LogEntry.objects.filter(content_type=content_type, object_pk=str(obj.pk))
        .select_related("actor")
        .order_by("-timestamp", "-pk")
    )
