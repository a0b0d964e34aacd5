import django_filters
from django import forms
from django.db.models import BooleanField, F, Q, Value
from django.utils.translation import gettext_lazy as _

from mingzhu.core.filters import ScopedFilterSet, unit_filter

from .choices import TOWN_KINDS, UnitKind
from .models import OrgUnit, Role, User

# Units offered as "under ..." choices: the upper levels only, so that a city with
# thousands of villages and grids still gets a short dropdown (the search box finds the rest).
BRANCH_KINDS = (UnitKind.CITY, *TOWN_KINDS, UnitKind.DEPARTMENT)


class OrgUnitFilter(ScopedFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=UnitKind.choices, label=_("Kind"))
    under = unit_filter(BRANCH_KINDS, _("Under unit"), method="filter_under")

    class Meta:
        model = OrgUnit
        fields = ["q", "kind", "under"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(code__icontains=value))

    def filter_under(self, queryset, name, value: OrgUnit):
        return queryset.filter(path__startswith=value.path)


class UserFilter(ScopedFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    unit = unit_filter(BRANCH_KINDS, _("Unit and below"), method="filter_unit")
    role = django_filters.ModelChoiceFilter(
        queryset=Role.objects.all(), field_name="roles", label=_("Role")
    )

    class Meta:
        model = User
        fields = ["q", "unit", "role"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(username__icontains=value)
            | Q(display_name__icontains=value)
            | Q(phone__icontains=value)
        )

    def filter_unit(self, queryset, name, value: OrgUnit):
        return queryset.filter(unit__path__startswith=value.path)


# -- the login log ------------------------------------------------------------------


class LoginLogFilterForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput)
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput)
    username = forms.CharField(label=_("User name"), required=False, max_length=150)
    ip = forms.CharField(label=_("IP address"), required=False, max_length=45)
    result = forms.ChoiceField(
        label=_("Result"),
        required=False,
        choices=[("", "---------"), ("success", _("Signed in")), ("failure", _("Sign-in failed"))],
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end date is before the start date."))
        return cleaned


_LOG_FIELDS = ("attempt_time", "username", "ip_address", "user_agent")


def login_entries(data: dict):
    """Successful and failed sign-ins (django-axes' AccessLog and AccessFailureLog) as
    one list of rows, newest first, filtered by ``data`` (LoginLogFilterForm's)."""
    from axes.models import AccessFailureLog, AccessLog

    def narrowed(queryset):
        if data.get("start"):
            queryset = queryset.filter(attempt_time__date__gte=data["start"])
        if data.get("end"):
            queryset = queryset.filter(attempt_time__date__lte=data["end"])
        if data.get("username"):
            queryset = queryset.filter(username__icontains=data["username"])
        if data.get("ip"):
            queryset = queryset.filter(ip_address__startswith=data["ip"])
        return queryset

    succeeded = narrowed(AccessLog.objects.all()).annotate(
        succeeded=Value(True, output_field=BooleanField()),
        locked=Value(False, output_field=BooleanField()),
    )
    failed = narrowed(AccessFailureLog.objects.all()).annotate(
        succeeded=Value(False, output_field=BooleanField()),
        locked=F("locked_out"),
    )
    columns = (*_LOG_FIELDS, "succeeded", "locked")
    result = data.get("result")
    if result == "success":
        return succeeded.values(*columns).order_by("-attempt_time")
    if result == "failure":
        return failed.values(*columns).order_by("-attempt_time")
    return (
        succeeded.values(*columns)
        .union(failed.values(*columns), all=True)
        .order_by("-attempt_time")
    )


def current_lockouts() -> list:
    """The failure counts still in force (younger than the cool-off), those that lock
    marked ``locked``: the user name and address after ``AXES_FAILURE_LIMIT`` failures,
    the whole address after ``LOGIN_ADDRESS_FAILURE_LIMIT`` (org.throttle)."""
    import datetime as dt

    from axes.models import AccessAttempt
    from django.conf import settings
    from django.utils import timezone

    since = timezone.now() - dt.timedelta(hours=settings.AXES_COOLOFF_TIME)
    attempts = list(AccessAttempt.objects.filter(attempt_time__gte=since).order_by("-attempt_time"))
    per_address: dict[str, int] = {}
    for attempt in attempts:
        key = attempt.ip_address or ""
        per_address[key] = per_address.get(key, 0) + attempt.failures_since_start
    for attempt in attempts:
        attempt.locked = (
            attempt.failures_since_start >= settings.AXES_FAILURE_LIMIT
            or per_address[attempt.ip_address or ""] >= settings.LOGIN_ADDRESS_FAILURE_LIMIT
        )
    return attempts
