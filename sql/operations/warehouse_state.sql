-- warehouse_state: one row describing the state: its as-of date (the build's, else the latest business date of the
-- effective deliveries), when it was built, from how many deliveries, and its version (the session variable
-- state_version, set when the state is committed).
-- grain: one row
select
    coalesce(getvariable('as_of')::date, max(business_date)) as as_of_date,
    current_timestamp as built_at,
    count(*) as effective_deliveries,
    getvariable('state_version')::varchar as version
from effective_deliveries
