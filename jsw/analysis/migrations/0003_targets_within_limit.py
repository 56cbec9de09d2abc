"""Targets and amber bounded as returns are: less than 10^9 in size, 15 digits in all.

A target the form once accepted, like 99999999999999.99999, was stored by SQLite as a REAL
that Django cannot read back, which broke every page showing targets. Such rows are removed
first (read as text, so that they can be), each with an audit entry holding what it was.
"""

from django.db import migrations, models

LIMIT = 10**9
ACTOR = "jsw migrate (target out of bounds)"


def remove_unreadable_targets(apps, schema_editor):
    connection = schema_editor.connection
    audit = apps.get_model("analysis", "AuditEntry")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, indicator_id, period, CAST(value AS TEXT), CAST(amber AS TEXT) "
            "FROM analysis_target WHERE value >= %s OR value <= %s OR amber >= %s",
            [LIMIT, -LIMIT, LIMIT],
        )
        rows = cursor.fetchall()
        for pk, indicator_id, period, value, amber in rows:
            audit.objects.create(
                actor=ACTOR,
                action="removed",
                subject="target",
                key=f"{indicator_id} {period}",
                before={"target": value, "amber": amber},
                after=None,
            )
            cursor.execute("DELETE FROM analysis_target WHERE id = %s", [pk])


class Migration(migrations.Migration):
    dependencies = [
        ("analysis", "0002_target_scope"),
    ]

    operations = [
        migrations.RunPython(remove_unreadable_targets, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="target",
            name="amber",
            field=models.DecimalField(
                decimal_places=6,
                default=0,
                help_text="tolerance, >= 0, in the PI's unit",
                max_digits=15,
            ),
        ),
        migrations.AlterField(
            model_name="target",
            name="value",
            field=models.DecimalField(decimal_places=6, max_digits=15),
        ),
        migrations.AddConstraint(
            model_name="target",
            constraint=models.CheckConstraint(
                condition=models.Q(("value__gt", -1000000000), ("value__lt", 1000000000)),
                name="target_within_limit",
            ),
        ),
        migrations.AddConstraint(
            model_name="target",
            constraint=models.CheckConstraint(
                condition=models.Q(("amber__lt", 1000000000)), name="amber_within_limit"
            ),
        ),
    ]
