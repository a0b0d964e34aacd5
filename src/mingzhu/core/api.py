"""The base viewset: rows come from ``restrict``; writes re-check scope inside their
transaction."""

from __future__ import annotations

from django.db import models, transaction
from rest_framework import exceptions, viewsets

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
