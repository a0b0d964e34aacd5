"""DRF settings pieces: permissions through roles, the page shape, strict ordering and
JSON errors with a machine-readable code. Kept apart from the viewsets because DRF imports
these while it loads."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions, permissions
from rest_framework.filters import OrderingFilter
from rest_framework.pagination import PageNumberPagination

from .results import KeptPaginator


class AuditedAuthentication:
    """An API authentication that refuses demo accounts unless the server runs in demo
    mode (``ALLOW_DEMO_USERS``), as the password login does, and names the authenticated
    user as the author of the request's changes in the audit trail: DRF authenticates
    after the middleware has read ``request.user``."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user = result[0]
        if getattr(user, "is_demo", False) and not settings.ALLOW_DEMO_USERS:
            raise exceptions.AuthenticationFailed(_("Demo accounts cannot sign in on this server."))
        from .audit import name_actor

        name_actor(user)
        return result


class TokenAuthentication(AuditedAuthentication, authentication.TokenAuthentication):
    """``Authorization: Token <key>``: a token made on the tokens page or by ``mingzhu
    token USER``, checked for expiry, revocation, read-only and modules
    (``mingzhu.system.tokens``); a token of the old table until its cut-off day."""

    def authenticate(self, request):
        self.request = request  # the token's scope depends on the request's method and view
        return super().authenticate(request)

    def authenticate_credentials(self, key):
        from mingzhu.system import tokens

        return tokens.authenticate(key, self.request)


class SessionAuthentication(AuditedAuthentication, authentication.SessionAuthentication):
    """The signed-in session of the pages (with its CSRF check)."""


class BasicAuthentication(AuditedAuthentication, authentication.BasicAuthentication):
    """HTTP Basic, for a deployment that enables it (not among the defaults)."""


class ScopedModelPermissions(permissions.DjangoModelPermissions):
    """Model permissions from the user's roles; reading needs the view permission too
    (global reference data excepted)."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
    }

    def has_permission(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return False
        queryset = getattr(view, "queryset", None)
        model = getattr(queryset, "model", None) or getattr(view, "model", None)
        if model is None:
            return True  # views without a model check their own permissions
        if request.method in permissions.SAFE_METHODS and getattr(model, "scope_global", False):
            return True
        perms = self.get_required_permissions(request.method, model)
        return request.user.has_perms(perms)


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500
    # The count and the page's rows kept while their tables are unchanged (core.results).
    django_paginator_class = KeptPaginator


class Conflict(exceptions.APIException):
    status_code = 409
    default_detail = _("The request conflicts with the current state of the resource.")
    default_code = "conflict"


class StrictOrderingFilter(OrderingFilter):
    """``?ordering=a,-b`` on every list. The fields are the viewset's ``ordering_fields``;
    without them, the model's own columns that the serializer shows. A field outside
    them answers 400 instead of being ignored."""

    def get_default_valid_fields(self, queryset, view, context=None):
        serializer_class = view.get_serializer_class()
        shown = set(getattr(serializer_class, "_declared_fields", {}))
        declared = getattr(getattr(serializer_class, "Meta", None), "fields", ()) or ()
        if declared == "__all__":
            declared = [f.name for f in queryset.model._meta.concrete_fields] + ["id"]
        shown.update(declared)
        columns = [
            field.name
            for field in queryset.model._meta.concrete_fields
            if field.name in shown or (field.primary_key and "id" in shown)
        ]
        return [("id" if name == queryset.model._meta.pk.name else name, name) for name in columns]

    def get_valid_fields(self, queryset, view, context=None):
        if getattr(view, "ordering_fields", None) is None:
            return self.get_default_valid_fields(queryset, view, context or {})
        return super().get_valid_fields(queryset, view, context or {})

    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        if params is None:
            return self.get_default_ordering(view)
        terms = [term.strip() for term in params.split(",") if term.strip()]
        valid = {
            name for name, _label in self.get_valid_fields(queryset, view, {"request": request})
        }
        unknown = [term for term in terms if term.lstrip("-") not in valid]
        if unknown:
            raise exceptions.ValidationError(
                {
                    self.ordering_param: [
                        exceptions.ErrorDetail(
                            _("Cannot sort by %(fields)s; possible: %(valid)s.")
                            % {"fields": ", ".join(unknown), "valid": ", ".join(sorted(valid))},
                            code="invalid_ordering",
                        )
                    ]
                }
            )
        return terms or self.get_default_ordering(view)


def _with_codes(data, codes):
    """The error body: ``detail`` and ``code`` for one error; for field errors, the
    messages per field as DRF gives them and ``codes`` beside them, field by field."""
    if isinstance(data, dict) and set(data) == {"detail"}:
        data, codes = data["detail"], codes["detail"] if isinstance(codes, dict) else codes
    if isinstance(data, list):
        flat = codes if isinstance(codes, list) else [codes]
        return {"detail": " ".join(str(m) for m in data), "code": flat[0] if flat else "invalid"}
    if isinstance(data, dict):
        return {**data, "codes": codes}
    return {"detail": data, "code": codes}


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    from rest_framework.views import exception_handler as drf_exception_handler

    # A write refused by the database (IntegrityError, a deadlock) is left to
    # core.middleware.DatabaseRefusalMiddleware, which answers pages and the API alike.
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.APIException):
        response.data = _with_codes(response.data, exc.get_codes())
    return response
