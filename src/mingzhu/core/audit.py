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
from django.utils.encoding import smart_str

from .cache import bump, topic_of
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


def _context() -> dict:
    """What auditlog's middleware knows of the request (remote address, port)."""
    from auditlog.context import auditlog_value

    try:
        data = auditlog_value.get()
    except LookupError:
        return {}
    return {k: data[k] for k in ("remote_addr", "remote_port") if data.get(k) is not None}


def log_created(objects, *, actor, batch_size: int = 2000) -> int:
    """Record the creation of ``objects`` (saved with ``bulk_create``, which sends no
    signal, so auditlog has not seen them) as auditlog records a creation, one entry
    each, written in bulk: the changes from nothing, the snapshot, the author (given
    here: a bulk creation always names it), the request id and the request's address.
    Returns the number of entries written."""

    objects = [obj for obj in objects if is_audited(type(obj))]
    if not objects:
        return 0
    model = type(objects[0])
    # A bulk creation sends no signal: what was computed from the model's app is stale.
    bump(topic_of(model))
    content_type = ContentType.objects.get_for_model(model)
    changes, snapshot = _creation_writers(objects[0])
    common = _common(actor)
    entries = (
        _entry(
            obj,
            content_type,
            LogEntry.Action.CREATE,
            changes(obj),
            common,
            serialized_data=snapshot(obj),
        )
        for obj in objects
    )
    return _bulk_insert(entries, batch_size)


def _entry(obj, content_type, action, changes, common: dict, **extra) -> LogEntry:
    return LogEntry(
        content_type=content_type,
        object_pk=str(obj.pk),
        object_id=obj.pk,
        object_repr=smart_str(obj),
        action=action,
        changes=changes,
        **extra,
        **common,
    )


def _creation_writers(example):
    """Two functions of a new object of ``example``'s model: the changes auditlog records at its
    creation (every field from nothing to its value) and auditlog's snapshot of it (the
    serializer's form: the registered fields, relations by id, dates and decimals as
    JSON text), computed without auditlog's deep copy and JSON round trip per object,
    which would cost more than the insert itself. The test of the bulk import holds
    both to what auditlog writes for the same object."""
    from auditlog.diff import get_field_value, get_fields_in_model, is_primitive
    from auditlog.registry import auditlog as registry
    from django.conf import settings
    from django.core.serializers.json import DjangoJSONEncoder

    model = type(example)
    options = registry.get_model_fields(model)
    if options["mask_fields"]:  # masked values: auditlog's own way, one at a time
        from auditlog.diff import model_instance_diff

        def changes(obj):
            return model_instance_diff(None, obj)

        def snapshot(obj):
            return LogEntry.objects._get_serialized_data_or_none(obj)

        return changes, snapshot
    include, exclude = options["include_fields"], options["exclude_fields"]
    tracked = [
        f
        for f in get_fields_in_model(example)
        if (not include or f.name in include) and f.name not in exclude
    ]
    serialised = [f for f in model._meta.local_fields if f.serialize and f.name in include]
    encode = DjangoJSONEncoder().default
    plain = (str, int, float, bool, type(None))
    label = str(model._meta)

    as_json = settings.AUDITLOG_STORE_JSON_CHANGES
    before = None if as_json else "None"  # what auditlog reads of "no object"

    def changes(obj):
        found = {}
        for field in tracked:
            value = get_field_value(obj, field, as_json)
            if value != before:
                keep = as_json and is_primitive(value)
                found[field.name] = [before, value if keep else smart_str(value)]
        return found or None

    def snapshot(obj):
        fields = {}
        for field in serialised:
            if field.is_relation:
                value = getattr(obj, field.attname)
            else:
                value = field.to_python(field.value_from_object(obj))
            fields[field.name] = value if isinstance(value, plain) else encode(value)
        return {"model": label, "pk": obj.pk, "fields": fields}

    return changes, snapshot


def log_m2m_added(added: dict, field_name: str, *, actor, batch_size: int = 2000) -> int:
    """Record, for each object of ``added`` ({object: the related objects added}), that
    the related objects were added to its many-to-many ``field_name``, as auditlog records
    ``.add()`` (whose signal a bulk insert of the link rows does not send)."""
    added = {obj: related for obj, related in added.items() if related}
    if not added:
        return 0
    model = type(next(iter(added)))
    bump(topic_of(model))
    content_type = ContentType.objects.get_for_model(model)
    common = _common(actor)
    entries = (
        _entry(
            obj,
            content_type,
            LogEntry.Action.UPDATE,
            {
                field_name: {
                    "type": "m2m",
                    "operation": "add",
                    "objects": [smart_str(r) for r in related],
                }
            },
            common,
        )
        for obj, related in added.items()
    )
    return _bulk_insert(entries, batch_size)


def _common(actor) -> dict:
    from auditlog.cid import get_cid

    email = getattr(actor, "email", None) if actor is not None else None
    return {"cid": get_cid(), "actor": actor, "actor_email": email, **_context()}


def _bulk_insert(entries, batch_size: int) -> int:
    from itertools import islice

    from django.db import connection

    if connection.vendor == "postgresql":
        return _copy_entries(entries, connection)
    written = 0
    entries = iter(entries)
    while batch := list(islice(entries, batch_size)):
        LogEntry.objects.bulk_create(batch)
        written += len(batch)
    return written


def _copy_entries(entries, connection) -> int:
    """Write log entries by COPY (PostgreSQL): the values as their columns take them
    (JSON as its text), no ids read back. A bulk insert would send each column as one
    array parameter, which the driver quotes character by character in Python (the
    entries' JSON is full of quotes): most of a large import's time."""
    import json

    fields = [f for f in LogEntry._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    plan = [(f.attname, f.encoder if isinstance(f, models.JSONField) else False) for f in fields]
    written = 0
    with connection.cursor() as cursor:
        statement = (
            f"COPY {connection.ops.quote_name(LogEntry._meta.db_table)} ({columns}) FROM STDIN"
        )
        with cursor.copy(statement) as copy:
            for entry in entries:
                copy.write_row(
                    [
                        value
                        if encoder is False or value is None
                        else json.dumps(value, cls=encoder)
                        for name, encoder in plan
                        for value in (getattr(entry, name),)
                    ]
                )
                written += 1
    return written


def log_event(obj, changes: dict, *, actor) -> LogEntry:
    """Record what an action did to ``obj`` that is no change of its fields (a forced
    sign-out, an unlocked login): ``changes`` as {what: [before, after]}, with the author,
    request id and address as auditlog records a change."""
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_pk=str(obj.pk),
        object_id=obj.pk,
        object_repr=smart_str(obj),
        action=LogEntry.Action.UPDATE,
        changes={k: [smart_str(b), smart_str(a)] for k, (b, a) in changes.items()},
        **_common(actor),
    )
