"""What the commands share: one base command whose bad arguments are said in the
platform's language, the user a command runs as, a day given as an option, a file read
(its errors said in that language too), the file read through an importer as that user
(the audit trail names them), and the result printed.

An app whose command only imports sheets subclasses ``ImportCommand`` and names its
imports (``rural import-facilities FILE --user U [--valid-only] [--json]``); a command
that does more uses ``active_user``, ``import_from`` and ``summary`` itself."""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import json
import re
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.core.management import base
from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from .audit import acting_as
from .tabular import ImportResult, WorkbookError

# What argparse says of bad arguments, and the same in the platform's words.
_ARGPARSE = [
    (re.compile(r"the following arguments are required: (?P<names>.+)"),
     lambda m: _("Missing: %(names)s.") % m.groupdict()),
    (re.compile(r"one of the arguments (?P<names>.+) is required"),
     lambda m: _("Give one of %(names)s.") % m.groupdict()),
    (re.compile(r"argument (?P<name>\S+): invalid choice: (?P<value>.+?)"
                r" \(choose from (?P<choices>.+)\)"),
     lambda m: _("%(name)s: %(value)s is not one of %(choices)s.") % m.groupdict()),
    (re.compile(r"argument (?P<name>\S+): invalid int value: (?P<value>.+)"),
     lambda m: _("%(name)s: %(value)s is not a whole number.") % m.groupdict()),
    (re.compile(r"argument (?P<name>\S+): invalid float value: (?P<value>.+)"),
     lambda m: _("%(name)s: %(value)s is not a number.") % m.groupdict()),
    (re.compile(r"argument (?P<name>\S+): expected one argument"),
     lambda m: _("%(name)s needs a value.") % m.groupdict()),
    (re.compile(r"argument (?P<name>\S+): not allowed with argument (?P<other>\S+)"),
     lambda m: _("%(name)s and %(other)s cannot be given together.") % m.groupdict()),
    (re.compile(r"unrecognized arguments: (?P<names>.+)"),
     lambda m: _("Unknown arguments: %(names)s.") % m.groupdict()),
]  # fmt: skip


def said(message: str) -> str:
    """argparse's message of a bad argument in the platform's language (as it is when no
    translation is known)."""
    for pattern, words in _ARGPARSE:
        if m := pattern.fullmatch(message.strip()):
            return words(m)
    return message


class CommandParser(base.CommandParser):
    def error(self, message):
        super().error(said(message))


class BaseCommand(base.BaseCommand):
    """Django's command whose parser (and its sub-commands' parsers) say a bad argument
    in the platform's language."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        _chinese(parser)
        return parser


def _chinese(parser) -> None:
    parser.__class__ = CommandParser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _chinese(sub)


def active_user(
    username: str,
    *,
    permission: str = "",
    what: str = "",
    returncode: int = 1,
    option: str = "--user",
):
    """The active user named ``username`` (who must hold ``permission`` when given)."""
    from mingzhu.org.models import User

    actor = User.objects.filter(username=username, is_active=True).first()
    if actor is None:
        raise CommandError(
            _("%(option)s %(user)s: no active user of that name.")
            % {"option": option, "user": username},
            returncode=returncode,
        )
    if permission and not actor.has_perm(permission):
        raise CommandError(
            _("%(user)s may not do %(what)s.") % {"user": username, "what": what or permission},
            returncode=returncode,
        )
    return actor


def day_option(text: str | None, option: str, *, returncode: int = 1) -> dt.date:
    """The day an option names (YYYY-MM-DD); today when it is not given."""
    if not text:
        return timezone.localdate()
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(
            _("%(option)s must be a day such as 2026-12-31, not %(value)s.")
            % {"option": option, "value": text},
            returncode=returncode,
        ) from None


def file_error(path, exc: OSError, *, returncode: int = 1) -> CommandError:
    """A file that cannot be read or written, said in the platform's language."""
    reason = {
        errno.ENOENT: _("no such file"),
        errno.EISDIR: _("a folder, not a file"),
        errno.EACCES: _("not allowed to read or write it"),
        errno.EPERM: _("not allowed to read or write it"),
        errno.ENOSPC: _("the disk is full"),
    }.get(exc.errno, exc.strerror or str(exc))
    return CommandError(
        _("%(path)s: %(reason)s.") % {"path": path, "reason": reason}, returncode=returncode
    )


def read_bytes(path, *, returncode: int = 1) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise file_error(path, exc, returncode=returncode) from None


def import_from(path, run: Callable[..., ImportResult], *, actor, returncode: int = 1, **options):
    """``run(file, actor=actor, **options)`` on the file at ``path``, as ``actor``; a file
    that cannot be read, a sheet that cannot be parsed or a refusal is a CommandError."""
    try:
        with acting_as(actor), open(path, "rb") as handle:
            return run(handle, actor=actor, **options)
    except OSError as exc:
        raise file_error(path, exc, returncode=returncode) from None
    except (WorkbookError, PermissionDenied) as exc:
        raise CommandError(
            _("%(path)s: %(reason)s") % {"path": path, "reason": exc}, returncode=returncode
        ) from None


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
            raise CommandError(_("Nothing imported: the file has errors (see above)."))
