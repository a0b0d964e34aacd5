"""Data scope (数据权限): the one place that decides which rows a user may see or change.

Every business model declares where it sits in the org tree (``scope_fields``: lookups that
lead to an ``OrgUnit``; ``""`` for the unit itself) or that it is global reference data
(``scope_global = True``). ``restrict(queryset, user, action)`` combines the user's model
permission with the union of the data scopes of all the user's roles. Anything outside
answers 404 to the caller, because the views only ever look objects up through it.
"""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass, field

from django.db import models
from django.db.models import BooleanField, Expression, F, Q, Subquery
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _

from .cache import generations, pending

ACTIONS = ("view", "add", "change", "delete")


class DataScope(models.TextChoices):
    ALL = "all", _("All")
    UNIT_AND_BELOW = "unit_and_below", _("Own unit and below")
    UNIT = "unit", _("Own unit")
    SELF = "self", _("Own records only")
    CUSTOM = "custom", _("Chosen units and below")


@dataclass(frozen=True)
class UserScope:
    everything: bool = False
    subtree_paths: frozenset[str] = field(default_factory=frozenset)
    unit_ids: frozenset[int] = field(default_factory=frozenset)
    own_records: bool = False

    @property
    def is_empty(self) -> bool:
        return not (self.everything or self.subtree_paths or self.unit_ids or self.own_records)


def permission_name(model: type[models.Model], action: str) -> str:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}; expected one of {ACTIONS}")
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def user_scope(user, perm: str | None = None) -> UserScope:
    """The data scope under which the user holds ``perm``: the union of the scopes of the
    roles that grant it (all roles when ``perm`` is None). Cached on the user object.

    Scope follows the permission: a department clerk who is also an administrator of
    users sees every user, but still only their department's tasks.
    """
    cache = user.__dict__.setdefault("_mingzhu_scopes", {})
    if perm in cache:
        return cache[perm]
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        scope = UserScope()
    elif user.is_superuser:
        scope = UserScope(everything=True)
    else:
        grants = _role_grants(user)
        scopes = {s for s, perms in grants if perm is None or perm in perms}
        if not scopes and perm is not None and user.has_perm(perm):
            # Granted to the user directly rather than through a role: the roles' scopes.
            scopes = {s for s, _ in grants}
        scope = _build_scope(user, scopes)
    cache[perm] = scope
    return scope


def role_permissions(user) -> set[str]:
    """The permissions ("app.codename") the user's roles grant, read in the same query
    as their scopes (``_role_grants``): the permission check and the scope of one request
    share it."""
    return set().union(*(perms for _scope, perms in _role_grants(user)))


def _role_grants(user) -> list[tuple[str, frozenset[str]]]:
    """(data scope, permissions) of each of the user's roles (``Access.grants``)."""
    return access(user).grants


@dataclass(frozen=True)
class Access:
    """What the user's roles grant and where the user sits: everything the permission
    checks and the data scope read besides the user's own row. Read in a few queries
    (roles with their permissions, the user's own permissions, the unit, the chosen units'
    paths) and kept by the process while the org topic's generation (core.cache)
    is unchanged (for at most ``ACCESS_SECONDS``), so that a signed-in request reads one
    cache row instead."""

    grants: list[tuple[str, frozenset[str]]]
    user_permissions: frozenset[str]
    unit_id: int | None
    unit: models.Model | None  # the user's org unit; each request gets its own copy
    custom_paths: frozenset[str]
    # The ids of the units of a scope (subtree paths, unit ids) → sorted ids, filled in
    # as scopes are counted in parts (scope_branches).
    unit_ids: dict = field(default_factory=dict, compare=False)


# user id → (the org topic's generation, Access, when it was read), for this process.
_ACCESS: dict[int, tuple[str, Access, float]] = {}
_ACCESS_MAX = 10_000
# A write that goes around the models (a bare update(), raw SQL) and forgets to bump the
# topic is seen at most this late.
ACCESS_SECONDS = 300
TOPIC = "org"


def access(user) -> Access:
    """The user's ``Access``, kept on the user object for the request (not on
    ``request.user``'s lazy wrapper, so that the permission checks, which see the user
    itself, find it too) and by the process under the org topic's generation: any save of
    a user, role, unit or their links bumps it. A transaction that has itself written to
    the org tables reads its own (uncommitted) rows and keeps nothing."""
    if isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    found = user.__dict__.get("_mingzhu_access")
    if found is not None:
        return found
    if _org_pending():
        found = _read_access(user)
    else:
        token = generations([TOPIC])[0][TOPIC]
        kept = _ACCESS.get(user.pk)
        now = time.monotonic()
        if (
            kept is not None
            and kept[0] == token
            and kept[1].unit_id == user.unit_id
            and now - kept[2] < ACCESS_SECONDS
        ):
            found = kept[1]
        else:
            found = _read_access(user)
            if len(_ACCESS) >= _ACCESS_MAX:
                _ACCESS.clear()
            _ACCESS[user.pk] = (token, found, now)
    user.__dict__["_mingzhu_access"] = found
    unit_field = type(user)._meta.get_field("unit")
    if found.unit is not None and not unit_field.is_cached(user):
        # The page's menu shows the unit: a copy of the kept one, which no request changes.
        unit_field.set_cached_value(user, copy.copy(found.unit))
    return found


def _org_pending() -> bool:
    return pending(TOPIC)


def _read_access(user) -> Access:
    from mingzhu.org.models import OrgUnit

    by_role: dict[int, tuple[str, set[str]]] = {}
    rows = user.roles.values_list(
        "pk", "data_scope", "permissions__content_type__app_label", "permissions__codename"
    )
    for pk, data_scope, app_label, codename in rows:
        _scope, perms = by_role.setdefault(pk, (data_scope, set()))
        if codename:
            perms.add(f"{app_label}.{codename}")
    grants = [(s, frozenset(perms)) for s, perms in by_role.values()]
    own = user.user_permissions.values_list("content_type__app_label", "codename")
    unit = None
    if user.unit_id is not None:
        unit = OrgUnit._base_manager.filter(pk=user.unit_id).first()
    custom: frozenset[str] = frozenset()
    if any(s == DataScope.CUSTOM for s, _perms in grants):
        custom = frozenset(user.custom_units.values_list("path", flat=True))
    return Access(
        grants=grants,
        user_permissions=frozenset(f"{app}.{code}" for app, code in own.order_by()),
        unit_id=user.unit_id,
        unit=unit,
        custom_paths=custom,
    )


def _build_scope(user, scopes: set[str]) -> UserScope:
    if DataScope.ALL in scopes:
        return UserScope(everything=True)
    known = access(user)
    paths: set[str] = set()
    unit_ids: set[int] = set()
    if known.unit is not None:
        if DataScope.UNIT_AND_BELOW in scopes:
            paths.add(known.unit.path)
        if DataScope.UNIT in scopes:
            unit_ids.add(known.unit_id)
    if DataScope.CUSTOM in scopes:
        paths.update(known.custom_paths)
    return UserScope(
        subtree_paths=frozenset(paths),
        unit_ids=frozenset(unit_ids),
        own_records=DataScope.SELF in scopes,
    )


def _units_q(scope: UserScope) -> Q:
    """The org units inside the scope, as a filter on OrgUnit."""
    q = Q(pk__in=[])
    for path in sorted(scope.subtree_paths):
        q |= Q(path__startswith=path)
    if scope.unit_ids:
        q |= Q(pk__in=sorted(scope.unit_ids))
    return q


def _many_to_many(model: type[models.Model], prefix: str):
    """The field when ``prefix`` is one many-to-many field of the model, else None."""
    if not prefix or "__" in prefix:
        return None
    f = model._meta.get_field(prefix)
    return f if f.many_to_many and not f.auto_created else None


def _spans_many(model: type[models.Model], prefix: str) -> bool:
    current = model
    for part in prefix.split("__") if prefix else []:
        f = current._meta.get_field(part)
        if f.many_to_many or f.one_to_many:
            return True
        current = f.related_model
    return False


def scope_q(model: type[models.Model], scope: UserScope, user) -> Q | None:
    """A filter selecting the model's rows inside the scope; None means no filter at all.

    Each scope field is matched against the set of units in scope (a subquery on the
    indexed path), never by joining the unit table once per field: at a million rows
    PostgreSQL then answers with small hashed semi-joins. Many-valued fields (co-units)
    go through their link table, so no row is repeated.
    """
    if scope.everything:
        return None
    # Built once per user object, model and scope (as ``user_scope`` is kept): an action
    # restricts several querysets through the same scope. A filter never changes the Q it
    # is given, and the querysets inside it are copied where they are used.
    cache = user.__dict__.setdefault("_mingzhu_scope_q", {})
    key = (model, scope)
    if key not in cache:
        cache[key] = _scope_q(model, scope, user)
    return cache[key]


def _scope_q(model: type[models.Model], scope: UserScope, user) -> Q:
    from mingzhu.org.models import OrgUnit

    q = Q(pk__in=[])
    if scope.subtree_paths or scope.unit_ids:
        units = OrgUnit._base_manager.filter(_units_q(scope)).values("pk")
        for prefix in model.scope_fields:
            if not prefix:  # the model is the org unit itself
                q |= _units_q(scope)
            elif (m2m := _many_to_many(model, prefix)) is not None:
                link = m2m.remote_field.through._base_manager.filter(
                    **{f"{m2m.m2m_reverse_field_name()}__in": units}
                )
                q |= Q(pk__in=link.values(m2m.m2m_field_name()))
            elif _spans_many(model, prefix):
                inner = model._base_manager.filter(**{f"{prefix}__in": units})
                q |= Q(pk__in=inner.values("pk"))
            else:
                q |= Q(**{f"{prefix}__in": units})
    if scope.own_records:
        for owner in getattr(model, "scope_owner_fields", ()):
            q |= Q(**{owner: user.pk})
    return q


def restrict(queryset: models.QuerySet, user, action: str = "view") -> models.QuerySet:
    model = queryset.model
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    perm = permission_name(model, action)
    if getattr(model, "scope_global", False):
        # Reference data: every signed-in user reads it; changes need the permission.
        if action == "view" or user.has_perm(perm):
            return queryset
        return queryset.none()
    if not user.has_perm(perm):
        return queryset.none()
    scope = user_scope(user, perm)
    q = scope_q(model, scope, user)
    public = getattr(model, "scope_public", None)
    if q is not None and action == "view" and public is not None:
        q |= public
    if q is None:
        return queryset
    restricted = queryset.filter(q)
    if hasattr(restricted, "_scope_count") and len(restricted.query.where.children):
        # Remember which filter is the scope, so that count() can count it in parts.
        restricted._scope_count = ScopeCount(
            node=restricted.query.where.children[-1],
            branches=lambda: scope_branches(model, scope, user, action),
        )
    return restricted


def scope_key(model: type[models.Model], user, action: str = "view") -> tuple:
    """What ``restrict`` limits the model's rows by for this user and action, as a
    hashable value: two users with the same key get the same rows of any queryset of the
    model through ``restrict`` (rows kept per scope, e.g. a filter's choices, are keyed
    by it). Follows ``restrict`` step by step."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ("none",)
    perm = permission_name(model, action)
    if getattr(model, "scope_global", False):
        return ("all",) if action == "view" or user.has_perm(perm) else ("none",)
    if not user.has_perm(perm):
        return ("none",)
    scope = user_scope(user, perm)
    if scope.everything:
        return ("all",)
    # The "own records" part names the user; the public rows are every reader's.
    owner = user.pk if scope.own_records and getattr(model, "scope_owner_fields", ()) else None
    return ("scope", scope, owner)


@dataclass(frozen=True)
class ScopeCount:
    """The scope filter a restricted queryset carries, and how to split it for counting."""

    node: object  # the WhereNode restrict() added
    branches: object  # () -> list[Q] whose union is the scope


def scope_branches(model: type[models.Model], scope: UserScope, user, action: str) -> list[Q]:
    """The scope as a list of filters whose union is ``scope_q`` (plus the public rows),
    each on one field and with the units in scope as a literal list of ids.

    Direct fields come first and many-valued ones last, so that counting them as disjoint
    parts (``count_in_parts``) never negates a link-table subquery unless it must.
    """
    from mingzhu.org.models import OrgUnit

    direct: list[Q] = []
    many: list[Q] = []
    if scope.subtree_paths or scope.unit_ids:
        kept = access(user).unit_ids
        key = (scope.subtree_paths, scope.unit_ids)
        ids = kept.get(key)
        if ids is None:
            ids = sorted(OrgUnit._base_manager.filter(_units_q(scope)).values_list("pk", flat=True))
            if not _org_pending():
                kept[key] = ids
        for prefix in model.scope_fields:
            if not prefix:
                direct.append(Q(pk__in=ids))
            elif (m2m := _many_to_many(model, prefix)) is not None:
                link = m2m.remote_field.through._base_manager.filter(
                    **{f"{m2m.m2m_reverse_field_name()}__in": ids}
                )
                many.append(Q(InSubquery("pk", link.values(m2m.m2m_field_name()))))
            elif _spans_many(model, prefix):
                inner = model._base_manager.filter(**{f"{prefix}__in": ids})
                many.append(Q(InSubquery("pk", inner.values("pk"))))
            else:
                direct.append(Q(**{f"{prefix}__in": ids}))
    if scope.own_records:
        for owner in getattr(model, "scope_owner_fields", ()):
            direct.append(Q(**{owner: user.pk}))
    public = getattr(model, "scope_public", None)
    if action == "view" and public is not None:
        many.append(public)
    return direct + many


class InSubquery(Expression):
    """``column IN (subquery)``, written for PostgreSQL as ``column = ANY(ARRAY(subquery))``.

    For a few thousand ids out of a million rows PostgreSQL plans ``IN (subquery)`` as a
    hash semi-join over the whole table; the array form is looked up in the primary key
    index, id by id. Other databases get the plain ``IN``.
    """

    conditional = True
    output_field = BooleanField()

    def __init__(self, column: str, queryset: models.QuerySet):
        super().__init__()
        self.column = F(column)
        self.subquery = Subquery(queryset)

    def get_source_expressions(self):
        return [self.column, self.subquery]

    def set_source_expressions(self, exprs):
        self.column, self.subquery = exprs

    def as_sql(self, compiler, connection):
        column, column_params = compiler.compile(self.column)
        subquery, subquery_params = compiler.compile(self.subquery)
        return f"{column} IN {subquery}", (*column_params, *subquery_params)

    def as_postgresql(self, compiler, connection):
        column, column_params = compiler.compile(self.column)
        subquery, subquery_params = compiler.compile(self.subquery)
        return f"{column} = ANY(ARRAY{subquery})", (*column_params, *subquery_params)


def _same_node(a, b) -> bool:
    """The same filter: where-nodes are cloned with the query, their lookups are shared."""
    from django.db.models.sql.where import WhereNode

    if isinstance(a, WhereNode) and isinstance(b, WhereNode):
        return (
            a.connector == b.connector
            and a.negated == b.negated
            and len(a.children) == len(b.children)
            and all(_same_node(x, y) for x, y in zip(a.children, b.children, strict=True))
        )
    return a is b


def count_in_parts(queryset: models.QuerySet) -> int | None:
    """COUNT(*) of a restricted queryset as the sum of disjoint parts of its scope.

    A scope of several fields (a task's lead unit, issuer and co-units) is an OR that no
    single index answers: PostgreSQL reads every row to count it. The same rows split as
    lead unit in scope; issuer in scope and lead unit not; co-unit in scope and neither —
    with every other filter of the query kept — are counted by index scans and add up to
    the same number (``scope_parts``). Returns None (count the ordinary way) when the
    query is not one this applies to.
    """
    parts = scope_parts(queryset)
    if parts is None:
        return None
    return sum(part.query.get_count(using=queryset.db) for part in parts)


def exists_in_parts(queryset: models.QuerySet) -> bool:
    """Whether a restricted queryset has any row, asked part by part of its scope as
    ``count_in_parts`` counts (the parts stop at the first that has one); one EXISTS when
    the query is not one this applies to. Where no row matches, one EXISTS over an OR of
    several fields reads every row of the table; each part reads its own index."""
    parts = scope_parts(queryset)
    return any(part.exists() for part in parts) if parts else queryset.exists()


def count_by_in_parts(queryset: models.QuerySet, field: str) -> dict:
    """{value of ``field``: number of rows} of a restricted queryset, counted part by part
    of its scope as ``count_in_parts`` does (``sums_in_parts``)."""
    from django.db.models import Count

    return {
        key[0]: sums["n"] for key, sums in sums_in_parts(queryset, (field,), n=Count("pk")).items()
    }


def sums_in_parts(queryset: models.QuerySet, fields: tuple[str, ...], **sums) -> dict:
    """{values of ``fields``: {name: total}} of ``queryset.values(*fields).annotate(**sums)``
    where every aggregate adds up (Count, Sum), counted part by part of its scope
    (``scope_parts``) in one query: the parts' grouped rows joined by UNION ALL, each part
    read by its own index, and the rows of a group added up here. One grouped query when
    the scope is not one to split."""
    grouped = queryset.order_by().values(*fields).annotate(**sums)
    parts = _split(grouped)
    rows = parts[0].union(*parts[1:], all=True) if parts else grouped
    totals: dict = {}
    for row in rows:
        found = totals.setdefault(tuple(row[f] for f in fields), dict.fromkeys(sums, 0))
        for name in sums:
            found[name] += row[name] or 0
    return totals


def scope_parts(queryset: models.QuerySet) -> list[models.QuerySet] | None:
    """The restricted queryset as disjoint querysets whose union it is: its scope split
    into one field each (``scope_branches``), each part excluding the earlier ones, every
    other filter kept. None when the query is not one this applies to: no scope, a single
    field, DISTINCT, slices, unions or grouping, or a scope filter that is no longer a
    top-level condition."""
    if queryset.query.group_by is not None:
        return None
    return _split(queryset)


def _split(queryset: models.QuerySet) -> list[models.QuerySet] | None:
    """``scope_parts``, of a grouped query too (``sums_in_parts``: the parts' groups add
    up)."""
    from django.db.models.sql.where import AND

    carried = getattr(queryset, "_scope_count", None)
    query = queryset.query
    if carried is None or query.combinator or query.is_sliced or query.distinct:
        return None
    if query.where.connector != AND or query.where.negated:
        return None
    index = next(
        (i for i, c in enumerate(query.where.children) if _same_node(c, carried.node)), None
    )
    if index is None:
        return None
    branches = carried.branches()
    if len(branches) < 2:
        return None
    parts = []
    for i, branch in enumerate(branches):
        part = branch
        for earlier in branches[:i]:
            part &= ~earlier
        part_where = queryset.model._base_manager.filter(part).query.where
        counted = query.chain()
        counted.where.children[index] = part_where
        clone = queryset._chain()  # of its class: a values() query gives its rows
        clone.query = counted
        if hasattr(clone, "_scope_count"):
            clone._scope_count = None  # a part is no scope to split again
        parts.append(clone)
    return parts


def units_in_scope(user, perm: str) -> models.QuerySet:
    """The org units under which the user holds ``perm`` (e.g. the units a clerk may enter
    figures for)."""
    from mingzhu.org.models import OrgUnit

    if user is None or not getattr(user, "is_authenticated", False) or not user.has_perm(perm):
        return OrgUnit.objects.none()
    scope = user_scope(user, perm)
    if scope.everything:
        return OrgUnit.objects.all()
    return OrgUnit.objects.filter(_units_q(scope))


def can(user, action: str, obj: models.Model) -> bool:
    """True if the user may do `action` on this very object (one query, none when the
    user holds no scope for it): ``core.actions.in_scope``, for the pages' templates."""
    from .actions import in_scope  # core.actions builds on this module

    return in_scope(obj, user, action)
