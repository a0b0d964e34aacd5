"""The OpenAPI schema class: every operation documents the errors it may answer, in the
shape ``core.drf.exception_handler`` gives them."""

from __future__ import annotations

from drf_spectacular import openapi
from drf_spectacular.authentication import BasicScheme, SessionScheme
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers


class MingzhuSessionScheme(SessionScheme):
    """The pages' session, as ``core.drf.SessionAuthentication`` checks it."""

    target_class = "mingzhu.core.drf.SessionAuthentication"


class MingzhuBasicScheme(BasicScheme):
    target_class = "mingzhu.core.drf.BasicAuthentication"


class ErrorSerializer(serializers.Serializer):
    """One error: a message for people and a stable code for programs."""

    detail = serializers.CharField()
    code = serializers.CharField(help_text="not_found, permission_denied, conflict, busy, ...")


class FieldErrorsSerializer(serializers.Serializer):
    """Invalid input: each invalid field's messages under the field's name (``detail``
    for errors of the whole request) and their codes field by field under ``codes``."""

    detail = serializers.ListField(child=serializers.CharField(), required=False)
    codes = serializers.DictField(child=serializers.JSONField())


class AutoSchema(openapi.AutoSchema):
    """Documents the error answers beside each operation's own."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        detail = "{" in self.path
        errors = {"401": ErrorSerializer, "403": ErrorSerializer}
        if self.method != "DELETE" and not (detail and self.method == "GET"):
            errors["400"] = FieldErrorsSerializer
        if detail:
            errors["404"] = ErrorSerializer
        if self.method in ("POST", "PUT", "PATCH", "DELETE"):
            # A write refused because of another request at the same moment (a unique
            # value taken, a row changed or removed: conflict; a deadlock or a lock not
            # obtained: busy, with Retry-After; core.middleware.refusal_status).
            errors["409"] = ErrorSerializer
            errors["503"] = ErrorSerializer
        for code, serializer in sorted(errors.items()):
            responses.setdefault(code, self._get_response_for_code(serializer, code))
        return responses


# The query of a report over a period (``core.api.requested_period`` reads it).
PERIOD_PARAMETERS = [
    OpenApiParameter("from", str, description="YYYY-MM-DD"),
    OpenApiParameter("to", str, description="YYYY-MM-DD"),
]


def rows(help_text: str = "") -> serializers.ListField:
    """A list of report rows (objects whose columns the endpoint's description gives)."""
    return serializers.ListField(child=serializers.JSONField(), help_text=help_text)


def report(name: str, **fields) -> serializers.Serializer:
    """The typed response of a report endpoint: its top-level keys (``from_`` is sent as
    ``from``)."""
    from drf_spectacular.utils import inline_serializer

    declared = {key.rstrip("_"): value for key, value in fields.items()}
    return inline_serializer(name=name, fields=declared)


def period_report(name: str, **fields) -> serializers.Serializer:
    """A report over ``?from=&to=``: the period, the day it was computed, and ``fields``."""
    return report(
        name,
        from_=serializers.DateField(),
        to=serializers.DateField(),
        as_of=serializers.DateField(required=False),
        **fields,
    )
