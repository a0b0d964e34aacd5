from django.db import migrations


def create(apps, schema_editor):
    from mingzhu.appraisal.defaults import create_defaults

    create_defaults(
        apps.get_model("appraisal", "Scheme"),
        apps.get_model("appraisal", "SchemeItem"),
        apps.get_model("appraisal", "SchemeRule"),
    )


class Migration(migrations.Migration):
    dependencies = [("appraisal", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
