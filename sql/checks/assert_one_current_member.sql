-- assert_one_current_member: each graduate and each enterprise has exactly one current member in its SCD2
-- dimension, and no two of them share a durable key (63 bits of a hash: a collision would merge two members'
-- facts). Returns one row per natural or durable key that breaks it. The keys and codes every table declares
-- unique are tested from the model files (tests: unique_key, unique); only these rules, which hold among current
-- rows alone, are written by hand. Checked on the rows this load wrote (written_*): a natural key's rows are all
-- written or all kept, so a written durable key is also looked for among the kept current members. Every member
-- has one current row, so a durable key held by two current rows is a collision; grouped by the number alone,
-- national dimensions are counted within DuckDB's memory.
with written_durable_keys as (
    select 'dim_enterprise' as table_name, enterprise_durable_key as durable_key
    from written_dim_enterprise where is_current
    union all
    select 'dim_graduate', graduate_durable_key
    from written_dim_graduate where is_current
),

current_durable_keys as (
    select 'dim_enterprise' as table_name, enterprise_durable_key as durable_key
    from dim_enterprise where is_current
    union all
    select 'dim_graduate', graduate_durable_key
    from dim_graduate where is_current
)

select 'dim_enterprise.current' as table_name, uscc as key_value, count(*) as occurrences
    from written_dim_enterprise where is_current group by all
    having uscc is null or count(*) > 1
union all select 'dim_graduate.current', graduate_id, count(*)
    from written_dim_graduate where is_current group by all
    having graduate_id is null or count(*) > 1
union all select c.table_name || '.durable_key', c.durable_key::varchar, count(*)
    from current_durable_keys as c
    semi join written_durable_keys as w on w.table_name = c.table_name and w.durable_key = c.durable_key
    group by all
    having count(*) > 1
