"""What the import commands share: the user a command runs as, the file read through an
importer as that user (the audit trail names them), and the result printed.

An app whose command only imports sheets subclasses ``ImportCommand`` and names its
imports (``rural import-facilities FILE --user U [--valid-only] [--json]``); a command
that does more uses ``active_user``, ``import_from`` and ``summary`` itself."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from .audit import acting_as
from .tabular import ImportResult, WorkbookError


def active_user(username: str, *, permission: str = "", what: str = "", returncode: int = 1):
    """The active user named ``username`` (who must hold ``permission`` when given)."""
    from mingzhu.org.models import User

    actor = User.objects.filter(username=username, is_active=True).first()
    if actor is None:
        raise CommandError(f"No active user {username!r}.", returncode=returncode)
    if permission and not actor.has_perm(permission):
        raise CommandError(f"{username!r} may not do {what or permission}.", returncode=returncode)
    return actor


def import_from(path, run: Callable[..., ImportResult], *, actor, returncode: int = 1, **options):
    """``run(file, actor=actor, **options)`` on the file at ``path``, as ``actor``; a file
    that cannot be read, a sheet that cannot be parsed or a refusal is a CommandError."""
    try:
        with acting_as(actor), open(path, "rb") as handle:
            return run(handle, actor=actor, **options)
    except OSError as exc:
        raise CommandError(f"{path}: {exc.strerror}", returncode=returncode) from None
    except (WorkbookError, PermissionDenied) as exc:
        raise CommandError(f"{path}: {exc}", returncode=returncode) from None


def summary(result: ImportResult) -> dict:
    return {
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "errors": [str(e) for e in result.errors],
    }


def dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


class ImportCommand(BaseCommand):
    """``<app> <import> FILE --user USERNAME [--valid-only] [--json]``: ``imports`` maps
    each import's name to the permission it needs and its importer."""

    imports: dict[str, tuple[str, Callable[..., ImportResult]]] = {}

    def add_arguments(self, parser):
        parser.add_argument("what", choices=sorted(self.imports))
        parser.add_argument("file")
        parser.add_argument("--user", required=True, help="the user the import is made as")
        parser.add_argument("--valid-only", action="store_true", dest="valid_only")
        parser.add_argument("--json", action="store_true", help="Print the result as JSON.")

    def handle(self, *args, what, file, user, valid_only, json: bool, **options):
        permission, run = self.imports[what]
        actor = active_user(user, permission=permission, what=what)
        result = summary(import_from(file, run, actor=actor, valid_only=valid_only))
        if json:
            self.stdout.write(dumps(result))
        else:
            self.stdout.write(" ".join(f"{k}={v}" for k, v in result.items() if k != "errors"))
            for error in result["errors"]:
                self.stdout.write(error)
        if result["errors"] and not valid_only:
            raise CommandError("Nothing imported: the file has errors (see above).")
