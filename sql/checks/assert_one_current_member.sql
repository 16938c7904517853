-- assert_one_current_member: each graduate and each enterprise has exactly one current member in its SCD2
-- dimension, and no two of them share a durable key (63 bits of a hash: a collision would merge two members'
-- facts). Returns one row per natural or durable key that breaks it. The keys and codes every table declares
-- unique are tested from the model files (tests: unique_key, unique); only these rules, which hold among current
-- rows alone, are written by hand. Checked on the rows this load wrote (written_*): a natural key's rows are all
-- written or all kept, so a durable key is also looked for among the kept rows.
with durable_keys as (
    select 'dim_enterprise' as table_name, enterprise_durable_key as durable_key, uscc as natural_key
    from written_dim_enterprise
    union all
    select 'dim_enterprise', k.enterprise_durable_key, k.uscc
    from kept_dim_enterprise as k
    semi join written_dim_enterprise as w on w.enterprise_durable_key = k.enterprise_durable_key
    union all
    select 'dim_graduate', graduate_durable_key, graduate_id
    from written_dim_graduate
    union all
    select 'dim_graduate', k.graduate_durable_key, k.graduate_id
    from kept_dim_graduate as k
    semi join written_dim_graduate as w on w.graduate_durable_key = k.graduate_durable_key
)

select 'dim_enterprise.current' as table_name, uscc as key_value, count(*) as occurrences
    from written_dim_enterprise where is_current group by all
    having uscc is null or count(*) > 1
union all select 'dim_graduate.current', graduate_id, count(*)
    from written_dim_graduate where is_current group by all
    having graduate_id is null or count(*) > 1
union all select table_name || '.durable_key', durable_key::varchar, count(distinct natural_key)
    from durable_keys group by all
    having count(distinct natural_key) > 1
