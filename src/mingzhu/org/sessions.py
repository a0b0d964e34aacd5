"""Who is signed in: each session's user, address, browser and last activity
(``UserSession``), and forced sign-out.

The row is written at sign-in and refreshed by the middleware at most once a minute per
session and server process (a local cache remembers the last write), so an ordinary page
costs no write. The session itself is Django's (``django_session``): what counts as
signed in is a session that exists and has not expired.
"""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mingzhu.core.proxy import client_address

from .models import UserSession

REFRESH_SECONDS = 60


def _record(request, user, *, force: bool = False) -> None:
    session = getattr(request, "session", None)
    key = session.session_key if session is not None else None
    if not key:
        return
    if not caches["local"].add(f"mingzhu:seen:{key}", 1, REFRESH_SECONDS) and not force:
        return
    now = timezone.now()
    UserSession.objects.update_or_create(
        session_key=key,
        defaults={
            "user": user,
            "ip_address": client_address(request),
            "user_agent": request.headers.get("User-Agent", "")[:255],
            "last_seen": now,
        },
        create_defaults={
            "user": user,
            "ip_address": client_address(request),
            "user_agent": request.headers.get("User-Agent", "")[:255],
            "signed_in_at": now,
            "last_seen": now,
        },
    )


def _signed_in(sender, request, user, **kwargs) -> None:
    if request is not None:
        _record(request, user, force=True)


def _signed_out(sender, request, user, **kwargs) -> None:
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        UserSession.objects.filter(session_key=key).delete()


user_logged_in.connect(_signed_in, dispatch_uid="mingzhu_session_signed_in")
user_logged_out.connect(_signed_out, dispatch_uid="mingzhu_session_signed_out")


def password_change_url() -> str:
    return reverse("org:password_change")


class SessionActivityMiddleware:
    """Refreshes the session's activity row, and sends a user whose password an
    administrator reset to the password change page before anything else."""

    allowed_prefixes = ("/static/", "/i18n/", "/accounts/logout/", "/healthz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            target = password_change_url()
            if request.path != target and not request.path.startswith(self.allowed_prefixes):
                message = _("Your password was reset: choose a new one first.")
                if request.path.startswith("/api/"):
                    return JsonResponse(
                        {"detail": message, "code": "password_change_required"}, status=403
                    )
                return HttpResponseRedirect(target)
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            _record(request, user)
        return response


def live_sessions():
    """The session rows whose Django session exists and has not expired."""
    alive = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    return UserSession.objects.filter(session_key__in=alive)


def sign_out(user) -> int:
    """End every session of ``user`` (also those begun before activity was recorded):
    the next request of any of them is anonymous. Returns how many were ended."""
    keys = set(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    # Sessions without a row: read the (few) unexpired sessions for the user's id.
    user_id = str(user.pk)
    for session in Session.objects.filter(expire_date__gt=timezone.now()).exclude(
        session_key__in=keys
    ):
        if session.get_decoded().get("_auth_user_id") == user_id:
            keys.add(session.session_key)
    with transaction.atomic():
        ended = Session.objects.filter(session_key__in=keys).delete()[0]
        UserSession.objects.filter(session_key__in=keys).delete()
    for key in keys:
        caches["local"].delete(f"mingzhu:seen:{key}")
    return ended
