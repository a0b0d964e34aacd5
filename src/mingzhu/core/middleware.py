import logging

from django.conf import settings
from django.db import IntegrityError, OperationalError
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

logger = logging.getLogger("mingzhu.requests")
RETRY_AFTER = "5"  # seconds: a refused write is tried again by hand, after a moment


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Chinese unless the user chose another language (the cookie /i18n/setlang/ sets).

    The browser's Accept-Language is not consulted: the platform speaks the language of
    the government that runs it, whatever the language of the computer's system.
    """

    def process_request(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()


class ContentSecurityPolicyMiddleware:
    """Sends ``settings.CONTENT_SECURITY_POLICY`` with every response that has none: scripts
    only from the site itself (no inline script, no inline event handler, no ``eval``), so
    text that slipped into a page unescaped cannot run."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        return response


# SQLSTATEs of a write the database gave up on because of another transaction at the same
# moment: deadlock, serialization failure, a lock not obtained, a statement cancelled by
# its time limit. Trying again a moment later is the remedy.
BUSY_STATES = frozenset({"40P01", "40001", "55P03", "57014"})
BUSY_SQLITE = ("database is locked", "database table is locked")


def refusal_status(exc: BaseException) -> int | None:
    """The status that answers a database refusal caused by another request at the same
    moment: 409 for a constraint (a row saved or removed meanwhile), 503 for a deadlock or
    a lock not obtained in time; None for any other exception."""
    if isinstance(exc, IntegrityError):
        return 409
    if isinstance(exc, OperationalError):
        cause = exc.__cause__
        if getattr(cause, "sqlstate", None) in BUSY_STATES:
            return 503
        if any(words in str(exc) for words in BUSY_SQLITE):
            return 503
    return None


class DatabaseRefusalMiddleware:
    """A request whose write the database refused because of another request at the same
    moment (a unique value taken, a row removed meanwhile: 409; a deadlock or a lock not
    obtained: 503 with ``Retry-After``) answers in Chinese, as a page or as the API's
    JSON (``conflict`` / ``busy``), instead of a server error. The refused transaction was
    rolled back by the block that raised; the cause is logged. Form pages say the same on
    their form (core.views); this is the net for every other view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        status = refusal_status(exception)
        if status is None:
            return None
        from .views import error_response

        logger.warning(
            "%s %s refused by the database (%s)",
            request.method,
            request.path,
            status,
            exc_info=exception,
        )
        response = error_response(request, status)
        if status == 503:
            response["Retry-After"] = RETRY_AFTER
        return response
