from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from mingzhu.core.views import (
    ActionButtonView,
    FormPageView,
    ObjectDetailView,
    ObjectListView,
    ReadOnlyMixin,
    Related,
    ViewPermissionMixin,
    paged,
)

from . import outbox, schedule
from .choices import HEAD_SMS_DEFAULT, Topic
from .filters import DeliveryFilter
from .forms import MyPreferenceForm
from .models import Channel, Delivery, Job, Preference

L = gettext_lazy


# Channels ------------------------------------------------------------------------------


class ChannelListView(ObjectListView):
    model = Channel
    columns = ["name", "kind", "unit", ("url_masked", L("address")), "is_active"]


class ChannelDetailView(ObjectDetailView):
    model = Channel
    select_related = ("unit",)
    permission_flags = {"may_test": "notify.change_channel"}
    related = {
        "recent": Related("deliveries", order=("-created_at", "-pk"), limit=20, scoped=False)
    }


class ChannelTestView(ActionButtonView):
    """Send a test message through the channel (written to the outbox)."""

    model = Channel

    requires = ("notify.change_channel",)
    success_message = L("A test message is in the outbox; the worker sends it.")

    def run(self, obj):
        return outbox.test_message(obj, actor=self.request.user)


# Deliveries ----------------------------------------------------------------------------


class DeliveryListView(ObjectListView):
    """The delivery log (发送记录): every message, its channel, status, attempts, error."""

    model = Delivery
    filterset_class = DeliveryFilter
    columns = [
        "created_at",
        "channel",
        "recipient",
        "title",
        "status",
        "attempts",
        "last_error",
        "sent_at",
    ]


class DeliveryDetailView(ReadOnlyMixin, ObjectDetailView):
    model = Delivery
    select_related = ("channel", "recipient", "notification")


class MyDeliveriesView(LoginRequiredMixin, View):
    """The messages sent (or being sent) to the signed-in person."""

    def get(self, request):
        mine = Delivery.objects.filter(recipient=request.user).select_related("channel")
        return render(request, "notify/my_deliveries.html", paged(request, mine))


# Preferences ---------------------------------------------------------------------------


class PreferenceListView(ObjectListView):
    model = Preference
    columns = ["user", ("user__unit", L("unit")), "is_unit_head"]


class PreferenceDetailView(ObjectDetailView):
    model = Preference
    select_related = ("user",)


class MyPreferenceView(FormPageView):
    """A person chooses which notices reach them by SMS and by e-mail."""

    template_name = "notify/my_preferences.html"
    form_class = MyPreferenceForm

    def form_kwargs(self):
        if self.request.method == "POST":
            return {}
        pref = Preference.objects.filter(user=self.request.user).first()
        if pref is None or not (pref.sms_topics or pref.email_topics):
            head = bool(pref and pref.is_unit_head)
            sms = list(HEAD_SMS_DEFAULT) if head else []
            return {"initial": {"sms_topics": sms, "email_topics": [Topic.JOB_FAILED]}}
        return {"initial": {"sms_topics": pref.sms_topics, "email_topics": pref.email_topics}}

    def save(self, form):
        pref, _created = Preference.objects.get_or_create(user=self.request.user)
        pref.sms_topics = form.cleaned_data["sms_topics"]
        pref.email_topics = form.cleaned_data["email_topics"]
        pref.save()
        messages.success(self.request, _("Your notice preferences are saved."))
        return reverse("notify:my_preferences")


# Scheduled jobs ------------------------------------------------------------------------


def _last_result(job) -> str:
    run = job.last_run
    if run is None:
        return ""
    if run.ok is False:
        return _("Failed: %(error)s") % {"error": run.error.splitlines()[-1] if run.error else ""}
    return run.result


class JobListView(ViewPermissionMixin, ObjectListView):
    """定时任务: what runs, when, the last run and its result, the next run."""

    model = Job
    columns = [
        "name",
        "schedule",
        "is_active",
        ("last_started", L("last run"), lambda j: j.last_run.started_at if j.last_run else None),
        ("last_result", L("result"), _last_result),
        "next_run_at",
    ]

    def get(self, request, *args, **kwargs):
        self.require_permission("view")
        schedule.ensure_jobs()
        return super().get(request, *args, **kwargs)


class JobDetailView(ViewPermissionMixin, ObjectDetailView):
    model = Job
    deletable = False
    permission_flags = {"may_run": "notify.change_job"}
    related = {"runs": Related("runs", limit=50, scoped=False)}


class JobRunNowView(ViewPermissionMixin, ActionButtonView):
    """Run the job now (recorded like a scheduled run)."""

    model = Job

    requires = ("notify.change_job",)

    def run(self, obj):
        return schedule.run_job(obj)

    def get_success_message(self, result) -> str:
        if result.ok:
            return _("Done: %(result)s") % {"result": result.result}
        return _("The job failed: %(error)s") % {"error": result.error.splitlines()[-1]}

    def post(self, request, pk):
        get_object_or_404(Job, pk=pk)
        return super().post(request, pk)
