"""Large imports run on the worker, not in the request.

An upload above ``imports.background_rows`` rows or ``imports.background_kb`` KB (system
parameters; rows estimated without parsing, ``tabular.row_estimate``) is staged
(``tabular.stage``) and handed to the worker as a background job
(``notify.background``) of kind ``import``: first its preview (the importer in a
transaction rolled back, as on the page), then, once the uploader confirms it on the
job's page, its import (all rows or none, or the valid rows only when asked). The job
keeps what rebuilds the import page's view: the view's class, the URL's arguments, the
upload form's options and the staged file's token; the worker builds the view again for
the uploader, so its permission and scope checks (``get_object``), its importer and the
audit trail's author are theirs. A page's ``import_file`` runs unchanged.

One job per file and step (its key names the staged file), so a second confirmation
starts nothing; the staged file is removed when the import has run (or the preview
found nothing to import). Only the uploader sees the job's page (404 for anyone else).
"""

from __future__ import annotations

import contextlib

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, QueryDict
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import once, tabular
from .tabular import WorkbookError

KIND = "import"
PREVIEW, IMPORT = "preview", "import"
# Rows of the preview kept for the page (the counts cover them all), as the page shows.
SHOWN_ROWS = 500


def thresholds() -> tuple[int, int]:
    """(rows, bytes) above which an import runs in the background."""
    from mingzhu.system import params

    return params.value("imports.background_rows"), params.value("imports.background_kb") * 1024


def is_large(upload) -> bool:
    """Whether the upload is imported in the background: larger than the size threshold,
    or with more rows than the row threshold (estimated without parsing the sheet)."""
    rows, size_limit = thresholds()
    size = getattr(upload, "size", None)
    if not isinstance(size, int):
        upload.seek(0)
        size = len(upload.read())
        upload.seek(0)
    if size > size_limit:
        return True
    estimate = tabular.row_estimate(upload)
    return estimate is not None and estimate > rows


def job_url(job) -> str:
    return reverse("core:import_job", args=[job.pk])


def _carried(request) -> list[tuple[str, str]]:
    """The upload form's options, carried to the job as to the confirmation."""
    return [
        (name, value)
        for name, values in request.POST.lists()
        if name not in {"csrfmiddlewaretoken", "valid_only", "staged", once.FIELD}
        for value in values
    ]


def _back_url(view, obj) -> str:
    from .views import model_url

    page = getattr(obj, "get_absolute_url", None)
    if page:
        return page()
    try:
        return model_url(view.model, "list")
    except Exception:  # noqa: BLE001 - a model without a list page: the import page
        return view.request.path


def start(view, obj, upload):
    """Stage the upload and queue its preview (or, for a page without a preview, its
    import) as the view's user; the job."""
    from mingzhu.notify import background

    user = view.request.user
    token = tabular.stage(upload, user)
    step = PREVIEW if view.preview else IMPORT
    if step == IMPORT:
        tabular.spend_staged(token, user)
    cls = type(view)
    params = {
        "view": f"{cls.__module__}.{cls.__qualname__}",
        "kwargs": {k: v for k, v in view.kwargs.items() if isinstance(v, int | str)},
        "carried": _carried(view.request),
        "valid_only": view.request.POST.get("valid_only") == "on",
        "token": token,
        "step": step,
        "file_name": getattr(upload, "name", "") or "",
        "language": get_language(),
        "page": view.request.path,
        "back": _back_url(view, obj),
        "back_label": str(obj) if obj is not None else str(view.model._meta.verbose_name_plural),
    }
    key = f"{KIND}:{step}:{tabular.staged_key(token, user)}"
    return background.enqueue(KIND, owner=user, key=key, params=params)


def confirm(job, *, valid_only: bool):
    """Queue the import of a previewed file (once: a second confirmation gives the job
    the first one started). A ``WorkbookError`` when the staged file has expired."""
    from mingzhu.notify import background

    token = job.params["token"]
    key = f"{KIND}:{IMPORT}:{tabular.staged_key(token, job.owner)}"
    tabular.spend_staged(token, job.owner)
    params = {**job.params, "step": IMPORT, "valid_only": valid_only, "preview_job": job.pk}
    try:
        return background.enqueue(KIND, owner=job.owner, key=key, params=params)
    except background.AlreadyQueued as exc:
        return exc.job


def rebuild(job):
    """The import page's view as its uploader posted it, and the object it imports into
    (looked up again through their permission and scope)."""
    from mingzhu.notify.background import JobError

    from .views import ImportView

    params = job.params
    try:
        cls = import_string(params["view"])
    except (ImportError, KeyError) as exc:
        raise JobError(_("The import page of this job no longer exists.")) from exc
    if not (isinstance(cls, type) and issubclass(cls, ImportView)):
        raise JobError(_("The import page of this job no longer exists."))
    request = HttpRequest()
    request.method = "POST"
    request.user = job.owner
    request.path = request.path_info = params.get("page", "")
    request.LANGUAGE_CODE = params.get("language") or ""
    post = QueryDict(mutable=True)
    for name, value in params.get("carried", []):
        post.appendlist(name, value)
    if params.get("valid_only"):
        post["valid_only"] = "on"
    post._mutable = False
    request.POST = post
    kwargs = dict(params.get("kwargs") or {})
    view = cls()
    view.setup(request, **kwargs)
    try:
        view.object = obj = view.get_object(kwargs.pop("pk", None))
    except (PermissionDenied, Http404) as exc:
        raise JobError(
            _("You may no longer import here (your permission or scope has changed).")
        ) from exc
    return view, obj


def _discard(job) -> None:
    with contextlib.suppress(WorkbookError):
        tabular.discard_staged(job.params["token"], job.owner)


def _rows(result, created: bool) -> list[list]:
    return [[row, what] for row, made, what in result.written if made == created][:SHOWN_ROWS]


def run(job) -> dict:
    """The job: the preview or the import of the staged file, as the uploader."""
    from mingzhu.notify.background import JobError

    view, obj = rebuild(job)
    step = job.params["step"]
    try:
        file = tabular.read_staged(job.params["token"], job.owner)
    except WorkbookError as exc:
        raise JobError(str(exc)) from exc
    if step == PREVIEW:
        try:
            view._previewing = True
            with transaction.atomic():
                result = view.import_file(obj, file)
                transaction.set_rollback(True)
        except WorkbookError as exc:
            _discard(job)
            raise JobError(str(exc)) from exc
        finally:
            view._previewing = False
        if not (result.created or result.updated or result.unchanged):
            _discard(job)
            errors = tabular.shown_errors(result.errors) + tabular.shown_errors(result.left_out)
            raise JobError(_("The sheet has no rows to import."), {"step": step, "refused": errors})
        return {
            "step": step,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "refused_count": len(result.errors),
            "to_create": _rows(result, True),
            "to_update": _rows(result, False),
            "refused": tabular.shown_errors(result.errors),
            "notes": tabular.shown_errors(result.notes),
            "left_out_count": len(result.left_out),
            "left_out": tabular.shown_errors(result.left_out),
            "remarks": [str(r) for r in result.remarks],
        }
    try:
        # All or nothing, whatever the page's importer does.
        with transaction.atomic():
            result = view.import_file(obj, file)
    except WorkbookError as exc:
        raise JobError(str(exc)) from exc
    finally:
        _discard(job)
    errors = tabular.shown_errors([*result.errors, *result.notes])
    if result.errors and not (result.created or result.updated or result.unchanged):
        raise JobError(_("Nothing was imported."), {"step": step, "refused": errors})
    counts = {"created": result.created, "updated": result.updated, "count": result.created}
    return {
        "step": step,
        **counts,
        "unchanged": result.unchanged,
        "message": str(view.success_message) % counts,
        "refused": errors,
        "left_out": tabular.shown_errors(result.left_out),
        "remarks": [str(r) for r in result.remarks],
    }


def describe(job) -> str:
    """The notice told to the uploader when the job has finished."""
    name = job.params.get("file_name") or _("the sheet")
    if job.error:
        return _("Import of %(file)s not done: %(error)s") % {"file": name, "error": job.error}
    if job.result.get("step") == PREVIEW:
        return _("Preview of %(file)s ready: confirm it to import.") % {"file": name}
    return _("Import of %(file)s done: %(created)s new, %(updated)s updated.") % {
        "file": name,
        "created": job.result.get("created", 0),
        "updated": job.result.get("updated", 0),
    }


def register() -> None:
    from mingzhu.notify import background

    background.register(KIND, describe=describe, link=job_url)(run)
