"""Supervision sheets carry their task's lead unit and issuer (kept with the task), with
indexes that count a quarter's sheets per part of a scope without joining the tasks."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_from_tasks(apps, schema_editor):
    Sheet = apps.get_model("tasks", "SupervisionSheet")
    Task = apps.get_model("tasks", "Task")
    task = Task.objects.filter(pk=OuterRef("task_id"))
    Sheet.objects.update(
        lead_unit_id=Subquery(task.values("lead_unit_id")[:1]),
        issuer_id=Subquery(task.values("issuer_id")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0001_initial"),
        ("tasks", "0019_task_light_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="supervisionsheet",
            name="lead_unit",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="org.orgunit",
                verbose_name="lead unit",
            ),
        ),
        migrations.AddField(
            model_name="supervisionsheet",
            name="issuer",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="org.orgunit",
                verbose_name="issuing unit",
            ),
        ),
        migrations.RunPython(copy_from_tasks, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="supervisionsheet",
            name="lead_unit",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="org.orgunit",
                verbose_name="lead unit",
            ),
        ),
        migrations.AlterField(
            model_name="supervisionsheet",
            name="issuer",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="org.orgunit",
                verbose_name="issuing unit",
            ),
        ),
        migrations.AddIndex(
            model_name="supervisionsheet",
            index=models.Index(
                fields=["issued_on"], include=("level", "id"), name="sheet_issued_cover"
            ),
        ),
        migrations.AddIndex(
            model_name="supervisionsheet",
            index=models.Index(
                fields=["lead_unit", "issued_on"], include=("level", "id"), name="sheet_lead_cover"
            ),
        ),
        migrations.AddIndex(
            model_name="supervisionsheet",
            index=models.Index(
                fields=["issuer", "issued_on"],
                include=("level", "lead_unit", "id"),
                name="sheet_issuer_cover",
            ),
        ),
    ]
