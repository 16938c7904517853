-- assert_durable_keys_unique: no two graduates, and no two enterprises, share a durable key (63 bits of a hash of
-- the natural key: a collision would merge two members' facts). Returns one row per durable key held by more than
-- one member. Every member has one current row (assert_one_current_member), so a durable key held by two current
-- rows is a collision; counted by the number alone, which a national dimension's whole build keeps within DuckDB's
-- memory. Checked on the rows this load wrote (written_*): a member's rows are all written or all kept, so a
-- written durable key is also looked for among the kept current members.
with current_durable_keys as (
    select 'dim_enterprise' as table_name, enterprise_durable_key as durable_key
    from written_dim_enterprise where is_current
    union all
    select 'dim_enterprise', k.enterprise_durable_key
    from kept_dim_enterprise as k
    semi join written_dim_enterprise as w using (enterprise_durable_key)
    where k.is_current
    union all
    select 'dim_graduate', graduate_durable_key
    from written_dim_graduate where is_current
    union all
    select 'dim_graduate', k.graduate_durable_key
    from kept_dim_graduate as k
    semi join written_dim_graduate as w using (graduate_durable_key)
    where k.is_current
)

select table_name || '.durable_key' as table_name, durable_key::varchar as key_value, occurrences
from (
    -- grouped by the number, not its text: 10.8 M groups of text outgrow DuckDB's memory
    select table_name, durable_key, count(*) as occurrences
    from current_durable_keys
    group by table_name, durable_key
    having count(*) > 1
)
