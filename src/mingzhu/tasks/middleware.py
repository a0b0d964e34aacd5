"""A page that set a deadline in a year whose holiday arrangement is not entered says so."""

from django.contrib import messages

from . import calendar, services

HEADER = "X-Unentered-Holiday-Years"


class CalendarWarningMiddleware:
    """Notes the years without an entered arrangement that the deadlines computed while
    answering a request ran through (``services.noting_unentered_years``). A submitted
    page that did so warns on the page it leads to; every such answer, the API's too,
    names the years in the ``X-Unentered-Holiday-Years`` header. Placed after the
    messages middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with services.noting_unentered_years() as years:
            response = self.get_response(request)
        if not years:
            return response
        response[HEADER] = ",".join(str(y) for y in sorted(years))
        if (
            request.method == "POST"
            and 300 <= response.status_code < 400
            and hasattr(request, "_messages")
        ):
            messages.warning(request, calendar.warning_for(years))
        return response
