-- effective_deliveries: what the warehouse is built from. Of the accepted deliveries with a business date on or
-- before the build's as-of date (the session variable as_of; every date when it is not set), the one with the
-- highest sequence for each source and business date (export contract §4).
-- grain: one row per (source_id, business_date); key: file_name
select
    file_name,
    source_id,
    business_date,
    sequence,
    staging_key
from load_ledger
where accepted and business_date <= coalesce(getvariable('as_of')::date, date '9999-12-31')
qualify sequence = max(sequence) over (partition by source_id, business_date)
