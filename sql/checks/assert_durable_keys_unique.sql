-- assert_durable_keys_unique: no two graduates, and no two enterprises, share a durable key (63 bits of a hash of
-- the natural key: a collision would merge two members' facts). Returns one row per durable key held by more than
-- one member. Every member has one current row (assert_one_current_member), so a durable key held by two current
-- rows is a collision; counted by the number alone, one dimension at a time: one count over both dimensions' keys,
-- named by text, ran out of DuckDB's memory for two national campaigns (and of 400 MB for 21.5 M keys), where
-- these fit in 150 MB. Checked on the rows this load wrote (written_*): a member's rows are all written or all
-- kept, so a written durable key is also looked for among the kept current members.
with enterprise_keys as (
    select enterprise_durable_key as durable_key
    from written_dim_enterprise where is_current
    union all
    select k.enterprise_durable_key
    from kept_dim_enterprise as k
    semi join written_dim_enterprise as w using (enterprise_durable_key)
    where k.is_current
),

graduate_keys as (
    select graduate_durable_key as durable_key
    from written_dim_graduate where is_current
    union all
    select k.graduate_durable_key
    from kept_dim_graduate as k
    semi join written_dim_graduate as w using (graduate_durable_key)
    where k.is_current
),

enterprise_collisions as (
    select durable_key, count(*) as occurrences
    from enterprise_keys
    group by durable_key
    having count(*) > 1
),

graduate_collisions as (
    select durable_key, count(*) as occurrences
    from graduate_keys
    group by durable_key
    having count(*) > 1
)

select 'dim_enterprise.durable_key' as table_name, durable_key::varchar as key_value, occurrences
from enterprise_collisions
union all
select 'dim_graduate.durable_key', durable_key::varchar, occurrences
from graduate_collisions
