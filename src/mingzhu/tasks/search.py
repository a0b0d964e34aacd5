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

A search known to match many rows (its bounded count passed the limit: tasks.paging) reads
its page without the index (``unindexed``): PostgreSQL estimates the rows holding several
bigrams as if each were independent of the others (for 防汛物资: 870 rows where 98,576
match), so it would fetch every match from the index and sort them for a page of fifty,
where walking the ledger's order and checking each row finds the fifty among the first
few thousand.
"""

from __future__ import annotations

import copy

from django.db.models import BooleanField, Expression, Q, QuerySet
from django.db.models.sql.where import WhereNode

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

    def __init__(self, query: str, indexed: bool = True):
        super().__init__()
        self.query = query
        self.indexed = indexed

    def as_sql(self, compiler, connection):
        return "1 = 1", ()

    def as_postgresql(self, compiler, connection):
        if not self.indexed:
            return "1 = 1", ()
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


def unindexed(queryset: QuerySet) -> QuerySet:
    """``queryset`` with its bigram conditions no longer asked of the index (the same
    rows: ``icontains`` decides), for a search that matches many rows; ``queryset``
    itself when it has none."""
    where, found = _unindexed(queryset.query.where)
    if not found:
        return queryset
    clone = queryset._chain()
    clone.query.where = where
    return clone


def _unindexed(node: WhereNode) -> tuple[WhereNode, bool]:
    children, found = [], False
    for child in node.children:
        if isinstance(child, WhereNode):
            child, inner = _unindexed(child)
            found |= inner
        elif isinstance(getattr(child, "lhs", None), HasBigrams):
            # A condition in ``filter`` is held as its lookup ``= True``: its copy with a
            # copy of the condition that no longer asks the index.
            off = copy.copy(child.lhs)
            off.indexed = False
            child = copy.copy(child)
            child.lhs = off
            found = True
        children.append(child)
    return type(node).create(children, node.connector, node.negated), found
