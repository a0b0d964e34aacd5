"""The holiday arrangements the chinese-calendar library knows (2004 on, from the State
Council's notices), entered as the starting content of the 节假日安排 table."""

from django.db import migrations


def seed(apps, schema_editor):
    from mingzhu.tasks.calendar import seed_from_library

    seed_from_library(
        apps.get_model("tasks", "HolidayYear"),
        apps.get_model("tasks", "HolidayDay"),
        schema_editor.connection.alias,
    )


def unseed(apps, schema_editor):
    apps.get_model("tasks", "HolidayYear").objects.using(
        schema_editor.connection.alias
    ).all().delete()


class Migration(migrations.Migration):
    dependencies = [("tasks", "0011_holiday_arrangement")]

    operations = [migrations.RunPython(seed, unseed)]
