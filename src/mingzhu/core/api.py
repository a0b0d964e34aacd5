"""The API convention, written once: the base viewsets (rows from ``restrict``, writes
re-checked inside their transaction), the serializer base whose writable relations offer
and accept only rows in the caller's scope, and the JSON answer to unknown API paths."""

from __future__ import annotations

import functools
from operator import attrgetter

import django_filters
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models, transaction
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework import exceptions, relations, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.fields import SkipField
from rest_framework.permissions import IsAuthenticated
from rest_framework.relations import PKOnlyObject
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from .actions import ActionConflict, ActionError, require_in_scope
from .drf import Conflict
from .periods import period
from .scope import permission_name, restrict, scope_q, user_scope

ACTION_FOR_METHOD = {
    "GET": "view",
    "HEAD": "view",
    "OPTIONS": "view",
    "POST": "add",
    "PUT": "change",
    "PATCH": "change",
    "DELETE": "delete",
}


def relation_rows(queryset: models.QuerySet, user) -> models.QuerySet:
    """The rows a writable relation may name: those ``user`` may view; when the user may
    not browse that model (a grid worker reporting a fault on a facility), those placed
    within the user's data scope all the same (the action checks the rest)."""
    model = queryset.model
    if (
        user is None
        or getattr(model, "scope_global", False)
        or not hasattr(model, "scope_fields")
        or user.has_perm(permission_name(model, "view"))
    ):
        return restrict(queryset, user, "view")
    q = scope_q(model, user_scope(user), user)
    return queryset if q is None else queryset.filter(q)


def scope_relation(field: serializers.Field, user) -> None:
    """Limit a writable relation's choices to ``relation_rows`` (in place)."""
    if field.read_only:
        return
    relation = field.child_relation if isinstance(field, relations.ManyRelatedField) else field
    queryset = getattr(relation, "queryset", None)
    if isinstance(relation, relations.RelatedField) and queryset is not None:
        relation.queryset = relation_rows(queryset, user)


class ScopedRelationsMixin:
    """Every writable related field (primary key, slug, many) offers and accepts only rows
    the caller may view: the user of ``context["request"]``, or ``context["user"]``. A
    value outside scope is refused like an unknown one, with a 400 naming the field.
    Without either in the context the serializer only reads (writes refuse every row)."""

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if self.only_shown():
            return fields
        user = self.context.get("user") or getattr(request, "user", None)
        for field in fields.values():
            scope_relation(field, user)
        return fields

    def only_shown(self) -> bool:
        """Whether this serializer only shows rows (``_only_shown``): a subclass that
        narrows its relations' choices further need not either."""
        return _only_shown(self, self.context.get("request"))


def _only_shown(serializer, request) -> bool:
    """Whether the serializer's fields only show rows: an answer in JSON to a GET or HEAD,
    with no data given to the serializer (nor to the list it is the child of). Its
    relations' choices are then never read (the browsable API, which draws forms with
    them, is another renderer), so they are not limited to the scope: building that
    limit cost a few milliseconds per list."""
    if request is None or getattr(request, "method", None) not in ("GET", "HEAD"):
        return False
    if not isinstance(getattr(request, "accepted_renderer", None), JSONRenderer):
        return False
    parent = getattr(serializer, "parent", None)
    return not hasattr(serializer, "initial_data") and not (
        parent is not None and hasattr(parent, "initial_data")
    )


def _read_as_drf(field: serializers.Field):
    """DRF's own reading of one field (``Serializer.to_representation``'s loop body)."""

    def read(obj):
        attribute = field.get_attribute(obj)
        check_for_none = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
        return None if check_for_none is None else field.to_representation(attribute)

    return read


# Field classes whose value is the model field's own, shown by ``to_representation``.
_PLAIN_FIELDS = (
    serializers.CharField,
    serializers.IntegerField,
    serializers.BooleanField,
    serializers.ChoiceField,
    serializers.DateField,
    serializers.DateTimeField,
    serializers.DecimalField,
    serializers.FloatField,
    serializers.ReadOnlyField,
)


def _reader(field: serializers.Field, model):
    """A function giving ``field``'s value of a row, as DRF's loop does, without its
    generic attribute walk where the field reads a column or a key of the row's own."""
    source = field.source_attrs
    model_field = None
    if model is not None and len(source) == 1:
        try:
            model_field = model._meta.get_field(source[0])
        except FieldDoesNotExist:  # a property or a method: DRF's reading
            model_field = None
    if isinstance(field, serializers.SerializerMethodField):
        method = getattr(field.parent, field.method_name)
        return method
    if model_field is None or not model_field.concrete:
        if (
            type(field) is relations.ManyRelatedField
            and type(field.child_relation) is relations.PrimaryKeyRelatedField
            and field.child_relation.pk_field is None
            and model_field is not None
            and model_field.many_to_many
        ):
            name = source[0]
            return lambda obj: [value.pk for value in getattr(obj, name).all()]
        return _read_as_drf(field)
    if model_field.is_relation:
        if type(field) is relations.PrimaryKeyRelatedField and field.pk_field is None:
            return attrgetter(model_field.attname)  # the key itself, None or not
        return _read_as_drf(field)
    if type(field) in _PLAIN_FIELDS:
        name, show = model_field.attname, field.to_representation

        def read(obj):
            value = getattr(obj, name)
            return None if value is None else show(value)

        return read
    return _read_as_drf(field)


class PlainListSerializer(serializers.ListSerializer):
    """A list whose rows are read with one function per field worked out once for the
    list (``_reader``), instead of DRF's generic walk of each field's source on each row:
    a column is read from the row, a foreign key's id from its column, a list of related
    ids from the prefetched rows. The output is DRF's, key for key
    (``tests/core/test_plain_lists.py``); a serializer with its own ``to_representation``
    is left to it."""

    def to_representation(self, data):
        child = self.child
        if type(child).to_representation is not serializers.Serializer.to_representation:
            return super().to_representation(data)
        iterable = data.all() if isinstance(data, models.manager.BaseManager) else data
        model = getattr(getattr(child, "Meta", None), "model", None)
        readers = [(f.field_name, _reader(f, model)) for f in child._readable_fields]
        rows = []
        for item in iterable:
            row = {}
            for name, read in readers:
                try:
                    row[name] = read(item)
                except SkipField:
                    continue
            rows.append(row)
        return rows


class ScopedModelSerializer(ScopedRelationsMixin, serializers.ModelSerializer):
    """The base of every model serializer of the API. Its lists are read by
    ``PlainListSerializer`` unless its ``Meta`` names another list class."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        meta = cls.__dict__.get("Meta")
        if meta is not None and not hasattr(meta, "list_serializer_class"):
            meta.list_serializer_class = PlainListSerializer

    def build_field(self, field_name, info, model_class, nested_depth):
        """DRF's (field class, keyword arguments) for a field of the model, worked out once
        per serializer class, field and language instead of on every request (each answer
        builds every field of its serializer, and working out a model field's arguments,
        its label, help text, validators and choices, was most of that). Every field is
        still made anew from a copy of the arguments; a nested serializer (``depth``) is
        built as DRF builds it."""
        if nested_depth:
            return super().build_field(field_name, info, model_class, nested_depth)
        key = (type(self), field_name, model_class, get_language())
        built = _BUILT.get(key)
        if built is None:
            built = _BUILT[key] = super().build_field(field_name, info, model_class, 0)
        field_class, kwargs = built
        return field_class, dict(kwargs)


# (serializer class, field name, model, language) → DRF's (field class, kwargs).
_BUILT: dict[tuple, tuple] = {}


class ScopedSerializer(ScopedRelationsMixin, serializers.Serializer):
    """The base of request bodies that name other rows."""


class RequiredBooleanField(serializers.BooleanField):
    """A yes/no the caller must answer, in form data too: DRF's ``BooleanField`` reads a
    field missing from form data as False, which would answer for the caller."""

    default_empty_html = serializers.empty


class ScopedViewSet(viewsets.ModelViewSet):
    """A model viewset whose rows come from ``restrict`` and whose writes re-check scope
    inside their transaction."""

    # (The docstring is the schema's description of viewsets without their own.)
    model: type[models.Model]
    select: tuple[str, ...] = ()  # relations fetched with each row
    prefetch: tuple[str, ...] = ()  # relations fetched for all rows at once
    ordering: tuple[str, ...] = ()  # the rows' order (and the lists' default ?ordering=)

    @property
    def queryset(self):  # for the permission class and the schema generator
        return self.model._default_manager.all()

    def get_queryset(self):
        action = ACTION_FOR_METHOD.get(self.request.method, "view")
        return self.fetching(restrict(self.model._default_manager.all(), self.request.user, action))

    def fetching(self, queryset: models.QuerySet) -> models.QuerySet:
        """``queryset`` with the viewset's relations fetched and in its order."""
        if self.select:
            queryset = queryset.select_related(*self.select)
        if self.prefetch:
            queryset = queryset.prefetch_related(*self.prefetch)
        return queryset.order_by(*self.ordering) if self.ordering else queryset

    @property
    def filterset_class(self):
        """Lists without a FilterSet of their own filter on the model's relations and
        choices, and on its date fields as ``<date>_after`` / ``<date>_before``."""
        return default_filterset(self.model)

    def _save_within_scope(self, serializer, action: str):
        with transaction.atomic():
            obj = serializer.save()
            require_in_scope(
                obj,
                self.request.user,
                action,
                exceptions.PermissionDenied(_("The result would lie outside your data scope.")),
                model=self.model,
            )

    def perform_create(self, serializer):
        self._save_within_scope(serializer, "add")

    def perform_update(self, serializer):
        self._save_within_scope(serializer, "change")

    def perform_destroy(self, instance):
        try:
            with transaction.atomic():
                instance.delete()
        except models.ProtectedError as exc:
            raise Conflict(
                _("%(object)s cannot be deleted while other records depend on it.")
                % {"object": instance}
            ) from exc


class ReadViewSet(ScopedViewSet):
    """Rows in the caller's scope to list and read; POST only to the viewset's actions.
    ``select`` names the relations to fetch with each row."""

    http_method_names = ["get", "head", "options", "post"]

    def create(self, request, *args, **kwargs):
        raise exceptions.MethodNotAllowed("POST")


def read_viewset(model, serializer, fields=(), dates=(), **kwargs) -> type[ReadViewSet]:
    """A ``ReadViewSet`` of ``model`` shown by ``serializer``; lists filter on ``fields``
    and on the ranges of ``dates`` (``filterset_for``; without either, the default
    FilterSet). The keyword arguments set the rest (``select``, ``prefetch``, actions)."""
    if fields or dates:
        kwargs.setdefault("filterset_class", filterset_for(model, fields, dates))
    # Named in the module of the serializer (the app's api module), like a class statement.
    attrs = {"__module__": serializer.__module__, "model": model, "serializer_class": serializer}
    attrs |= kwargs
    return type(f"{model.__name__}ViewSet", (ReadViewSet,), attrs)


@functools.cache
def default_filterset(model: type[models.Model]) -> type:
    fields = model._meta.concrete_fields
    return filterset_for(
        model,
        [f.name for f in fields if (f.is_relation or f.choices) and not f.primary_key],
        [
            f.name
            for f in fields
            if isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField)
        ],
    )


def filterset_for(model: type[models.Model], fields=(), dates=()) -> type:
    """A FilterSet for an API list: equality on ``fields`` and, for each date field
    ``d`` in ``dates``, the range ``?d_after=YYYY-MM-DD&d_before=YYYY-MM-DD``."""
    attrs = {name: django_filters.DateFromToRangeFilter(field_name=name) for name in dates}
    attrs["Meta"] = type("Meta", (), {"model": model, "fields": [*fields, *dates]})
    return type(f"{model.__name__}Filter", (django_filters.FilterSet,), attrs)


def register_viewsets(router, app: str, viewsets) -> None:
    """Register an app's (prefix, viewset) pairs on the /api/v1/ router, in order, at
    ``<app>/<prefix>`` with the basename ``<app>-<prefix>``."""
    for prefix, viewset in viewsets:
        router.register(f"{app}/{prefix}", viewset, basename=f"{app}-{prefix}")


def shown_fields(edited, *, after=None, end=()) -> list[str]:
    """A serializer's ``Meta.fields`` from the fields its model's form edits: ``id``, then
    each of ``edited`` followed by the read-only fields ``after`` names for it (``{"town":
    ("town_name",)}``), then ``end``."""
    fields = ["id"]
    for name in edited:
        fields += [name, *(after or {}).get(name, ())]
    return [*fields, *end]


def call_action(function, pk, body: serializers.Serializer, *, actor) -> int:
    """Validate the body, call an action on object ``pk`` and map its refusals: wrong
    state 400, someone else was first 409, not allowed 403, out of scope 404 (Http404 as
    raised). Returns the object's id for the response."""
    body.is_valid(raise_exception=True)
    try:
        object_id = int(pk)
    except (TypeError, ValueError):
        raise exceptions.NotFound() from None
    try:
        function(object_id, actor=actor, **body.validated_data)
    except ActionConflict as exc:
        raise Conflict(str(exc)) from exc
    except ActionError as exc:
        raise exceptions.ValidationError({"detail": str(exc)}) from exc
    except PermissionDenied as exc:
        raise exceptions.PermissionDenied(str(exc) or None) from exc
    return object_id


class object_action:  # noqa: N801 - used like a decorator, in lower case
    """``name = object_action(function, Body)`` in a viewset: the endpoint POST
    /{id}/<name>/ (underscores as dashes; ``url_path`` to name it otherwise). It validates
    ``Body`` from the request (relations limited to the caller's scope), calls
    ``function(id, actor=user, **body)`` through ``call_action`` (its refusals mapped to
    400/403/404/409) and answers the row again, with the viewset's relations, in the
    viewset's serializer. ``response`` serializes something else: ``result(view, id)``
    then gives it (a serializer with ``many=True`` for a list), answered with ``status``.
    Other keyword arguments go to DRF's ``@action``."""

    def __init__(self, function, body, *, response=None, result=None, status=200, **options):
        self.function, self.body, self.response = function, body, response
        self.result, self.status, self.options = result, status, options

    def __set_name__(self, owner, name):
        function, body, result, status = self.function, self.body, self.result, self.status
        response = self.response or owner.serializer_class
        many = isinstance(response, serializers.ListSerializer)
        serializer = type(response.child) if many else response

        def endpoint(view, request, pk=None):
            context = view.get_serializer_context()
            object_id = call_action(
                function, pk, body(data=request.data, context=context), actor=request.user
            )
            if result is not None:
                shown = result(view, object_id)
            else:
                shown = view.fetching(view.model._default_manager.filter(pk=object_id)).get()
            data = serializer(shown, many=many, context=context).data
            return Response(data, status=status)

        endpoint.__name__ = endpoint.__qualname__ = name
        endpoint.__doc__ = None  # the operation is described by the viewset's docstring
        options = {"url_path": name.replace("_", "-"), **self.options}
        decorated = action(
            detail=True, methods=["post"], permission_classes=[IsAuthenticated], **options
        )(endpoint)
        setattr(owner, name, extend_schema(request=body, responses=response)(decorated))


def requested_period(request, permission: str | None = None):
    """The report period of ``?from=&to=`` (by default this year so far), for a caller
    holding ``permission``: 403 without it, 400 naming ``from`` on a bad period."""
    if permission is not None and not request.user.has_perm(permission):
        raise exceptions.PermissionDenied()
    start, end, error = period(request.query_params)
    if error:
        raise exceptions.ValidationError({"from": [error]})
    return start, end


def not_found(request, path=""):
    """Any other path under /api/v1/: a JSON 404 (with the usual slash redirect)."""
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(
                request.path + "/" + (f"?{query}" if query else "")
            )
    return JsonResponse(
        {"detail": _("There is no such address in the API."), "code": "not_found"}, status=404
    )


class SchemaView(SpectacularAPIView):
    """The OpenAPI document, built once per process for each language, version and URL
    configuration (building it walks every viewset and serializer: about a second of
    processor time) and served from that copy afterwards. The document is the public one
    (``SERVE_PUBLIC``), the same for every signed-in caller; the code only changes with a
    new process."""

    _built: dict[tuple, dict] = {}

    def _get_schema_response(self, request):
        version = self.api_version or request.version or self._get_version_parameter(request)
        key = (get_language(), version, getattr(request, "urlconf", None) or settings.ROOT_URLCONF)
        schema = self._built.get(key)
        if schema is None:
            generator = self.generator_class(
                urlconf=self.urlconf, api_version=version, patterns=self.patterns
            )
            schema = self._built[key] = generator.get_schema(
                request=request, public=self.serve_public
            )
        filename = self._get_filename(request, version)
        return Response(
            data=schema, headers={"Content-Disposition": f'inline; filename="{filename}"'}
        )
