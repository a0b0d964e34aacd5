"""The ledger's search (``?q=``): tasks whose code, title or content contain the words
asked for, Chinese substrings of two characters and more included.

The answer is always that of ``icontains`` on the three columns. On PostgreSQL an index
finds the candidates first: a GIN index over the character bigrams of the three columns
(``mingzhu_bigrams``, kept in the generated column ``search_bigrams``; migration 0016).
Every bigram of the query must be a bigram of the row, a condition that the index answers
and that every match meets, so adding it changes no result; ``icontains`` then checks the
rows it leaves. Bigrams rather than pg_trgm's trigrams: a two-character Chinese query has
no trigram at all, and pg_trgm splits words by the database's locale, which may not count
Chinese characters as letters.

A one-character query has no bigram: it is answered by ``icontains`` alone (a scan).
"""

from __future__ import annotations

from django.db.models import BooleanField, Expression, Q, QuerySet

# The columns searched, in the order of the index expression (migration 0016).
COLUMNS = ("code", "title", "content")

# The bigrams are kept in a generated column (PostgreSQL computes it on every write), so
# that checking a row costs a read, not a call of the function: a page walked in the
# ledger's order checks every row it passes.
COLUMN = "search_bigrams"
INDEXED = 'mingzhu_bigrams(UPPER("code" || \' \' || "title" || \' \' || "content"))'

CREATE_FUNCTION = """
CREATE OR REPLACE FUNCTION mingzhu_bigrams(value text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(value, i, 2)), '{}')
  FROM generate_series(1, char_length(value) - 1) AS i
$$
"""


def bigrams(text: str) -> list[str]:
    """The distinct two-character pieces of ``text`` (what ``mingzhu_bigrams`` gives)."""
    return sorted({text[i : i + 2] for i in range(len(text) - 1)})


class HasBigrams(Expression):
    """True where the task's indexed bigrams hold every bigram of ``query`` (upper-cased,
    as ``icontains`` compares). PostgreSQL only; elsewhere it is no condition."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, query: str):
        super().__init__()
        self.query = query

    def as_sql(self, compiler, connection):
        return "1 = 1", ()

    def as_postgresql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f'{table}."{COLUMN}" @> %s::text[]', (bigrams(self.query.upper()),)


def search_tasks(queryset: QuerySet, value: str) -> QuerySet:
    """The tasks of ``queryset`` whose code, title or content contain ``value``."""
    value = value.strip()
    if not value:
        return queryset
    contains = Q()
    for column in COLUMNS:
        contains |= Q(**{f"{column}__icontains": value})
    if len(value) >= 2:
        return queryset.filter(Q(HasBigrams(value)) & contains)
    return queryset.filter(contains)
