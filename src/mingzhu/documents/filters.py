import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import State
from .models import PolicyDocument


class DocumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    year = django_filters.NumberFilter(label=_("Year"))
    state = django_filters.ChoiceFilter(
        choices=State.choices, method="filter_state", label=_("State")
    )

    class Meta:
        model = PolicyDocument
        fields = ["q", "year", "state"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(author__icontains=value))

    def filter_state(self, queryset, name, value):
        return queryset.filter(adopted_on__isnull=value == State.DRAFT)
