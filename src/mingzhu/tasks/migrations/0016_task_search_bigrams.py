"""The ledger's search index on PostgreSQL (tasks.search): a GIN index over the character
bigrams of a task's code, title and content, kept in a generated column. Other databases
search without it."""

from django.db import migrations

INDEX = "task_search_bigrams"
# As tasks.search says (a test holds them equal). The column is not the model's: only
# PostgreSQL writes it, on every insert and update of a task.
COLUMN = "search_bigrams"
CREATE_FUNCTION = """
CREATE OR REPLACE FUNCTION mingzhu_bigrams(value text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(value, i, 2)), '{}')
  FROM generate_series(1, char_length(value) - 1) AS i
$$
"""
INDEXED = "mingzhu_bigrams(UPPER(\"code\" || ' ' || \"title\" || ' ' || \"content\"))"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_FUNCTION)
    schema_editor.execute(
        f'ALTER TABLE "tasks_task" ADD COLUMN "{COLUMN}" text[] '
        f"GENERATED ALWAYS AS ({INDEXED}) STORED"
    )
    schema_editor.execute(f'CREATE INDEX {INDEX} ON "tasks_task" USING gin ("{COLUMN}")')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(f'ALTER TABLE "tasks_task" DROP COLUMN IF EXISTS "{COLUMN}"')
    schema_editor.execute("DROP FUNCTION IF EXISTS mingzhu_bigrams(text)")


class Migration(migrations.Migration):
    dependencies = [("tasks", "0015_long_running_list_number")]

    operations = [migrations.RunPython(create, drop)]
