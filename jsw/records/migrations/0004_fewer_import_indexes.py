"""No index on each record's batch, nor on the links that a composite index starts with.

Every index is one more B-tree for an import to write (on PostgreSQL, a varchar link has two:
the plain one and the pattern one). The state changes as `AlterField` would change it; the
database only loses the indexes, since SQLite would otherwise copy each table whole to
alter a column that does not change.
"""

import django.db.models.deletion
from django.db import migrations, models

# (model, field) whose single-column indexes go.
UNINDEXED = [
    *(
        (model, "batch")
        for model in (
            "person",
            "order",
            "requirement",
            "upwsession",
            "assessment",
            "contact",
            "breach",
            "questionnaire",
            "service",
            "return",
        )
    ),
    ("upwsession", "requirement"),  # session_requirement_date
    ("assessment", "order"),  # assessment_order_type
    ("contact", "order"),  # contact_order
    ("breach", "order"),  # breach_order_applied
]


def drop_indexes(apps, schema_editor):  # type: ignore[no-untyped-def]
    """The indexes by the names Django gave them (PostgreSQL: and the pattern ones)."""
    for model_name, field_name in UNINDEXED:
        model = apps.get_model("records", model_name)
        table, column = model._meta.db_table, model._meta.get_field(field_name).column
        for suffix in ("", "_like"):
            name = schema_editor._create_index_name(table, [column], suffix=suffix)
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


def create_indexes(apps, schema_editor):  # type: ignore[no-untyped-def]
    for model_name, field_name in UNINDEXED:
        model = apps.get_model("records", model_name)
        field = model._meta.get_field(field_name)
        schema_editor.execute(schema_editor._create_index_sql(model, fields=[field]))
        like = getattr(schema_editor, "_create_like_index_sql", None)
        if like is not None and (sql := like(model, field)) is not None:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0003_batch_status_interrupted"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(drop_indexes, create_indexes)],
            state_operations=[
                migrations.AlterField(
                    model_name="assessment",
                    name="batch",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="records.importbatch",
                    ),
                ),
                migrations.AlterField(
                    model_name="assessment",
                    name="order",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="assessments",
                        to="records.order",
                    ),
                ),
                migrations.AlterField(
                    model_name="breach",
                    name="batch",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="records.importbatch",
                    ),
                ),
                migrations.AlterField(
                    model_name="breach",
                    name="order",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="breaches",
                        to="records.order",
                    ),
                ),
                migrations.AlterField(
                    model_name="contact",
                    name="batch",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="records.importbatch",
                    ),
                ),
                migrations.AlterField(
                    model_name="contact",
                    name="order",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="contacts",
                        to="records.order",
                    ),
                ),
                migrations.AlterField(
                    model_name="order",
                    name="batch",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="records.importbatch",
                    ),
                ),
                migrations.AlterField(
                    model_name="person",
                    name="batch",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="records.importbatch",
                    ),
                ),
                migrations.AlterField(
                    model_name="questionnaire",
                    name="batch",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="records.importbatch",
                    ),
                ),
                migrations.AlterField(
                    model_name="requirement",
                    name="batch",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="records.importbatch",
                    ),
                ),
                migrations.AlterField(
                    model_name="return",
                    name="batch",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="records.importbatch",
                    ),
                ),
                migrations.AlterField(
                    model_name="service",
                    name="batch",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="records.importbatch",
                    ),
                ),
                migrations.AlterField(
                    model_name="upwsession",
                    name="batch",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="records.importbatch",
                    ),
                ),
                migrations.AlterField(
                    model_name="upwsession",
                    name="requirement",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="sessions",
                        to="records.requirement",
                    ),
                ),
            ],
        ),
    ]
