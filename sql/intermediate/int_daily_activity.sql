-- int_daily_activity: each day's activity per province, from the facts dated that day.
-- grain: one row per (activity_date, province_code) with any activity; key: activity_date, province_code
-- A fair counts in the province of its region_code; a visit and a service in their institution's province; a post
-- (after cross-source dedup) in the province of its work_region_code. Kept from load to load: a load recomputes
-- only the days whose fact rows it changed, so the daily report and the running totals read days, not facts.
with fairs as (
    select start_date as activity_date, province_code, count(*) as fairs, sum(attendees) as fair_attendees
    from fact_fair
    group by all
),

visits as (
    select visit_date as activity_date, province_code, count(*) as visits, sum(posts_opened) as posts_opened
    from fact_enterprise_visit
    group by all
),

posts as (
    select published_date as activity_date, province_code, count(*) as posts
    from fact_post
    group by all
),

services as (
    select
        service_date as activity_date,
        province_code,
        count(*) as services,
        -- a fact names its graduate by durable key: one per graduate, counted faster than the id
        count(distinct graduate_durable_key) as graduates_served
    from fact_graduate_service
    group by all
),

active_days as (
    select activity_date, province_code from fairs
    union select activity_date, province_code from visits
    union select activity_date, province_code from posts
    union select activity_date, province_code from services
)

select
    a.activity_date,
    a.province_code,
    coalesce(f.fairs, 0) as fairs,
    coalesce(f.fair_attendees, 0)::bigint as fair_attendees,
    coalesce(v.visits, 0) as visits,
    coalesce(v.posts_opened, 0)::bigint as posts_opened,
    coalesce(p.posts, 0) as posts,
    coalesce(s.services, 0) as services,
    coalesce(s.graduates_served, 0) as graduates_served
from active_days as a
left join fairs as f on f.activity_date = a.activity_date and f.province_code is not distinct from a.province_code
left join visits as v on v.activity_date = a.activity_date and v.province_code is not distinct from a.province_code
left join posts as p on p.activity_date = a.activity_date and p.province_code is not distinct from a.province_code
left join services as s
    on s.activity_date = a.activity_date and s.province_code is not distinct from a.province_code
