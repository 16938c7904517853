-- stg_enterprise_versions: the history of each enterprise master record, one row per change of its attributes.
-- grain: one row per (uscc, valid_from); key: uscc, valid_from
-- Versions are ordered as the contract orders deliveries; on one business date the last version stands. A new
-- row starts when any attribute changes; a withdrawal closes the history (is_withdrawn on the closing row).
with ordered as (
    select
        *,
        row_number() over (
            partition by uscc, business_date order by sequence desc, source_id desc
        ) as last_of_day
    from raw_enterprises
),

daily as (
    select uscc, business_date, op, name, ownership, size, industry_code, region_code
    from ordered
    where last_of_day = 1
),

changes as (
    select
        *,
        coalesce(
            (op, name, ownership, size, industry_code, region_code) is distinct from lag(
                (op, name, ownership, size, industry_code, region_code)
            ) over (partition by uscc order by business_date),
            true
        ) as starts_version
    from daily
),

versions as (
    select
        *,
        lead(business_date) over (partition by uscc order by business_date) as next_from
    from changes
    where starts_version
)

select
    uscc, name, ownership, size, industry_code, region_code,
    business_date as valid_from,
    next_from as valid_to,
    next_from is null as is_latest
from versions
where op = 'U'
