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
    # How many rows the search's icontains keeps: without statistics on UPPER(column)
    # PostgreSQL guesses a handful, and for a common word reads every match and sorts
    # them rather than walking the ledger's order until a page is full.
    for column in ("code", "title", "content"):
        schema_editor.execute(
            f'CREATE STATISTICS task_search_{column} ON (UPPER("{column}"::text)) '
            'FROM "tasks_task"'
        )
    schema_editor.execute('ANALYZE "tasks_task"')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in ("code", "title", "content"):
        schema_editor.execute(f"DROP STATISTICS IF EXISTS task_search_{column}")
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(f'ALTER TABLE "tasks_task" DROP COLUMN IF EXISTS "{COLUMN}"')
    schema_editor.execute("DROP FUNCTION IF EXISTS mingzhu_bigrams(text)")


class Migration(migrations.Migration):
    dependencies = [("tasks", "0016_alter_notification_kind")]

    operations = [migrations.RunPython(create, drop)]
