"""The forums' full-text index and the triggers that keep it (see community/search_index.py):
FTS5 on SQLite, a tsvector table with a GIN index on PostgreSQL. Other databases get no index
and search says so."""

from django.db import migrations


def forwards(apps, schema_editor):
    from peercircle.community import search_index

    search_index.install(schema_editor.connection)


def backwards(apps, schema_editor):
    from peercircle.community import search_index

    search_index.uninstall(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("community", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
