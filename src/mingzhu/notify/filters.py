import django_filters
from django.utils.translation import gettext_lazy as _

from mingzhu.core.filters import ScopedFilterSet, date_range

from .choices import DeliveryStatus, Topic
from .models import Channel, Delivery


class DeliveryFilter(ScopedFilterSet):
    status = django_filters.ChoiceFilter(choices=DeliveryStatus.choices, label=_("status"))
    channel = django_filters.ModelChoiceFilter(queryset=Channel.objects.all(), label=_("channel"))
    topic = django_filters.ChoiceFilter(choices=Topic.choices, label=_("topic"))
    created_at_after, created_at_before = date_range("created_at", _("from"), _("to"), on_date=True)

    class Meta:
        model = Delivery
        fields = ["status", "channel", "topic"]
