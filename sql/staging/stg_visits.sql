-- stg_visits: the current state of each visit record over the effective deliveries.
-- grain: one row per visit identity; key: source_id, visit_id
-- A record's state is its version in the effective delivery with the latest business date, then the highest
-- sequence, then the greatest source id (export contract §4); a withdrawal (op = 'D') there removes it.
-- The latest version is found by grouping, then joined back: a window ranking every record sorted whole records,
-- which took longer (docs/BENCHMARKS.md, session 33).
with latest_versions as (
    select
        source_id,
        visit_id,
        -- structs compare field by field: the latest business date, then the highest sequence
        max(struct_pack(business_date, sequence)) as latest
    from raw_visits
    group by source_id, visit_id
)

select * exclude (op, latest)
from raw_visits
join latest_versions using (source_id, visit_id)
where
    op = 'U'
    and latest.business_date = business_date
    and latest.sequence = sequence
