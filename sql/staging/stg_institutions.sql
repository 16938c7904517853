-- stg_institutions: the current state of each institution record over the effective deliveries.
-- grain: one row per institution identity; key: institution_code
-- A record's state is its version in the effective delivery with the latest business date, then the highest
-- sequence, then the greatest source id (export contract §4); a withdrawal (op = 'D') there removes it.
-- The latest version is found by grouping, then joined back: a window ranking every record sorted whole records,
-- which took longer (docs/BENCHMARKS.md, session 33).
with latest_versions as (
    select
        institution_code,
        -- structs compare field by field: the latest business date, then the highest sequence, then the
        -- greatest source
        max(struct_pack(business_date, sequence, source_id)) as latest
    from raw_institutions
    group by institution_code
)

select * exclude (op, latest)
from raw_institutions
join latest_versions using (institution_code)
where
    op = 'U'
    and latest.business_date = business_date
    and latest.sequence = sequence
    and latest.source_id = source_id
