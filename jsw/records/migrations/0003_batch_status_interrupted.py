"""Batches left "running" by a process that is gone are shown as interrupted.

Imports now write their batch inside their own transaction, so none is left running again;
this marks the ones earlier versions left behind.
"""

from django.db import migrations, models


def mark_running_as_interrupted(apps, schema_editor):  # type: ignore[no-untyped-def]
    batches = apps.get_model("records", "ImportBatch")
    batches.objects.filter(status="running").update(status="interrupted", exit_code=2)


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0002_session_sums_index"),
    ]

    operations = [
        migrations.AlterField(
            model_name="importbatch",
            name="status",
            field=models.CharField(
                choices=[
                    ("running", "Running"),
                    ("done", "Done"),
                    ("failed", "Failed"),
                    ("interrupted", "Interrupted"),
                ],
                default="running",
                max_length=12,
            ),
        ),
        migrations.RunPython(mark_running_as_interrupted, migrations.RunPython.noop),
    ]
