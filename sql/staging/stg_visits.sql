-- stg_visits: the current state of each visit record over the effective deliveries.
-- grain: one row per visit identity; key: source_id, visit_id
-- A record's state is its version in the effective delivery with the latest business date, then the highest
-- sequence, then the greatest source id (export contract §4); a withdrawal (op = 'D') there removes it.
with versions as (
    select
        *,
        row_number() over (
            partition by source_id, visit_id
            order by business_date desc, sequence desc, source_id desc
        ) as recency
    from raw_visits
)

select * exclude (recency, op)
from versions
where recency = 1 and op = 'U'
