"""The base viewset: rows come from ``restrict``; writes re-check scope inside their
transaction."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from rest_framework import exceptions, serializers, viewsets

from .actions import ActionConflict, ActionError
from .drf import Conflict
from .scope import restrict

ACTION_FOR_METHOD = {
    "GET": "view",
    "HEAD": "view",
    "OPTIONS": "view",
    "POST": "add",
    "PUT": "change",
    "PATCH": "change",
    "DELETE": "delete",
}


class ScopedViewSet(viewsets.ModelViewSet):
    """A model viewset whose rows come from ``restrict`` and whose writes re-check scope
    inside their transaction."""

    model: type[models.Model]

    @property
    def queryset(self):  # for the permission class and the schema generator
        return self.model._default_manager.all()

    def get_queryset(self):
        action = ACTION_FOR_METHOD.get(self.request.method, "view")
        return restrict(self.model._default_manager.all(), self.request.user, action)

    def _save_within_scope(self, serializer, action: str):
        with transaction.atomic():
            obj = serializer.save()
            allowed = restrict(
                self.model._default_manager.filter(pk=obj.pk), self.request.user, action
            )
            if not allowed.exists():
                raise exceptions.PermissionDenied("The result would lie outside your data scope.")

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
                f"{instance} cannot be deleted while other records depend on it."
            ) from exc


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
