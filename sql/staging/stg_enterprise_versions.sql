-- stg_enterprise_versions: the history of each enterprise master record, one row per change of its attributes.
-- grain: one row per (uscc, valid_from); key: uscc, valid_from
-- Versions are ordered as the contract orders deliveries; on one business date the last version stands. A new
-- row starts when any attribute changes; a withdrawal closes the history (the version before it is not the latest).
-- last_record_date is the latest business date the version's records bear: a later night continues from there.
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

numbered as (
    select
        *,
        sum(case when starts_version then 1 else 0 end)
            over (partition by uscc order by business_date) as version_number
    from changes
),

versions as (
    -- every day of a version holds the same attributes
    select
        uscc,
        version_number,
        min(business_date) as valid_from,
        max(business_date) as last_record_date,
        any_value(op) as op,
        any_value(name) as name,
        any_value(ownership) as ownership,
        any_value(size) as size,
        any_value(industry_code) as industry_code,
        any_value(region_code) as region_code
    from numbered
    group by uscc, version_number
)

select
    uscc, name, ownership, size, industry_code, region_code, valid_from,
    lead(valid_from) over (partition by uscc order by valid_from) as valid_to,
    lead(valid_from) over (partition by uscc order by valid_from) is null as is_latest,
    last_record_date
from versions
qualify op = 'U'
