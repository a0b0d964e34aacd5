"""A callback rates the request's task (the same task is reopened once); the request's
callback and reopen steps are its task's events, no longer request events."""

import django.db.models.deletion
from django.db import migrations, models


def drop_task_steps(apps, schema_editor):
    RequestEvent = apps.get_model("livelihood", "RequestEvent")
    RequestEvent.objects.filter(action__in=("callback", "reopen")).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("livelihood", "0001_initial"),
        ("tasks", "0009_checked_uploads"),
    ]

    operations = [
        migrations.RunPython(drop_task_steps, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="citizenrequest",
            name="reopen_count",
        ),
        migrations.AlterField(
            model_name="callback",
            name="task",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="citizen_callbacks",
                to="tasks.task",
                verbose_name="task",
            ),
        ),
        migrations.AlterField(
            model_name="requestevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("register", "Registered"),
                    ("dispatch", "Dispatched to a unit"),
                    ("return", "Returned by the unit"),
                    ("redispatch", "Re-dispatched"),
                ],
                max_length=20,
                verbose_name="action",
            ),
        ),
    ]
