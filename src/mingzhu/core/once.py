"""One-time form tokens: a form that creates something is submitted once, however often
the button is clicked or the page re-sent.

The page gets a signed token (``issue``); its POST claims it (``claim``) with an atomic
``cache.add``: the first claim wins, a second one with the same token is told that the
form was already sent and goes to what the first made. A form that fails validation gives
its token back (``release``) so that the corrected form can be sent. POSTs without a token
(API clients, scripts) are not affected. The claims live in the ``once`` cache, a table
of the database (created on ``migrate``), so that every worker process of the server
sees the same claims and ``add`` stays atomic between them.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core import signing
from django.core.cache import caches
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _

FIELD = "form_token"
SALT = "mingzhu.core.once"
MAX_AGE = 24 * 3600
PENDING = "pending"


def _claims():
    return caches["once"]


def issue(user) -> str:
    return signing.dumps({"u": user.pk, "n": uuid.uuid4().hex}, salt=SALT)


def _key(request) -> str | None:
    token = request.POST.get(FIELD)
    if not token:
        return None
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if data.get("u") != request.user.pk:
        return None
    return f"mingzhu:form-token:{data['n']}"


class Claim:
    """The claim of one POST's token: ``first`` is False when the token was used before
    (``done_url`` then names what the first submission made, when known)."""

    def __init__(self, request):
        self.key = _key(request)
        self.first = True
        self.done_url = ""
        if self.key is not None and not _claims().add(self.key, PENDING, MAX_AGE):
            self.first = False
            seen = _claims().get(self.key)
            self.done_url = seen if seen and seen != PENDING else ""

    def release(self) -> None:
        """The submission made nothing (invalid form, refusal): the token may be used again."""
        if self.key is not None and self.first:
            _claims().delete(self.key)

    def done(self, url: str) -> None:
        if self.key is not None and self.first:
            _claims().set(self.key, url, MAX_AGE)


def sent_once(request, send, fallback: str):
    """``send()`` (the view's handling of the POST) unless this page's token was already
    used: then nothing is done again and the user goes to what the first submission made
    (``fallback``, the list, while that is still being made). A response other than a
    redirect (the form back with its errors) gives the token back."""
    claim = Claim(request)
    if not claim.first:
        messages.info(request, _("This form was already sent; it was not sent again."))
        return HttpResponseRedirect(claim.done_url or fallback)
    try:
        response = send()
    except BaseException:
        claim.release()
        raise
    if response.status_code == 302:
        claim.done(response["Location"])
    else:
        claim.release()
    return response
