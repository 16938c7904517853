-- dim_date: every calendar day from the earliest to the latest date the facts or campaigns touch.
-- grain: one row per day; key: date_key (yyyymmdd)
with bounds as (
    select min(d) as first_day, max(d) as last_day
    from (
        select start_date as d from ref_campaign
        union all select end_date from ref_campaign
        union all select start_date from stg_fairs
        union all select visit_date from stg_visits
        union all select published_date from stg_posts
        union all select service_date from stg_services
    )
),

days as (
    select unnest(generate_series(first_day, last_day, interval 1 day))::date as date
    from bounds
)

select
    (year(date) * 10000 + month(date) * 100 + day(date))::integer as date_key,
    date,
    year(date)::integer as year,
    quarter(date)::integer as quarter,
    month(date)::integer as month,
    day(date)::integer as day,
    isodow(date)::integer as iso_weekday,
    isodow(date) >= 6 as is_weekend
from days
