"""A demand's "reopened" is read from its task's rating events: a demand stored as
reopened whose task has no dissatisfied rating event gets its first return turned into
one (as ``tasks.actions.rate`` writes it), then the stored flag goes."""

from django.db import migrations


def rating_events_from_flag(apps, schema_editor):
    Demand = apps.get_model("enterprises", "Demand")
    TaskEvent = apps.get_model("tasks", "TaskEvent")
    reopened = Demand.objects.filter(reopened=True, task__isnull=False)
    for task_id in reopened.values_list("task_id", flat=True):
        events = TaskEvent.objects.filter(task_id=task_id)
        if events.filter(action="rate", satisfied=False).exists():
            continue
        first = events.filter(action="return").order_by("at", "pk").first()
        if first is not None:
            events.filter(pk=first.pk).update(action="rate", satisfied=False)


class Migration(migrations.Migration):
    dependencies = [
        ("enterprises", "0002_scheme_versions_shared"),
        ("tasks", "0008_rating_events"),
    ]

    operations = [
        migrations.RunPython(rating_events_from_flag, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="demand",
            name="reopened",
        ),
    ]
