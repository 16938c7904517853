-- assert_every_column_documented: every table, view and column analysts see has its meaning as a comment.
-- Returns one row per object or column without one: add it to sql/dictionary.tsv (or the object's header).
select c.table_name, c.column_name
from duckdb_columns() as c
where c.schema_name = 'main' and c.database_name = current_database() and not c.internal and c.comment is null
union all
select table_name, null
from duckdb_tables()
where schema_name = 'main' and database_name = current_database() and not internal and comment is null
union all
select view_name, null
from duckdb_views()
where schema_name = 'main' and database_name = current_database() and not internal and comment is null
