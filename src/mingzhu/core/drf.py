"""DRF settings pieces: permissions through roles, the page shape of DESIGN.md §6 and
JSON errors. Kept apart from the viewsets because DRF imports these while it loads."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, permissions
from rest_framework.pagination import PageNumberPagination


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


class Conflict(exceptions.APIException):
    status_code = 409
    default_detail = "The request conflicts with the current state of the resource."
    default_code = "conflict"


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound("Not found.")
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    from rest_framework.views import exception_handler as drf_exception_handler

    return drf_exception_handler(exc, context)
