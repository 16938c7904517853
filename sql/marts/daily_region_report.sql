-- daily_region_report: the daily 17:00 report each province sends, from the facts dated that day.
-- grain: one row per (report_date, province_code) with any activity; key: report_date, province_code
-- A fair counts in the province of its region_code; a visit and a service in their institution's province;
-- a post (after cross-source dedup) in the province of its work_region_code.
with fairs as (
    select start_date as report_date, province_code, count(*) as fairs, sum(attendees) as fair_attendees
    from fact_fair
    group by all
),

visits as (
    select visit_date as report_date, province_code, count(*) as visits, sum(posts_opened) as posts_opened
    from fact_enterprise_visit
    group by all
),

posts as (
    select published_date as report_date, province_code, count(*) as posts
    from fact_post
    group by all
),

services as (
    select
        service_date as report_date,
        province_code,
        count(*) as services,
        -- a fact names its graduate by durable key: one per graduate, counted faster than the id
        count(distinct graduate_durable_key) as graduates_served
    from fact_graduate_service
    group by all
),

active_days as (
    select report_date, province_code from fairs
    union select report_date, province_code from visits
    union select report_date, province_code from posts
    union select report_date, province_code from services
)

select
    a.report_date,
    a.province_code,
    r.province_name,
    coalesce(f.fairs, 0) as fairs,
    coalesce(f.fair_attendees, 0)::bigint as fair_attendees,
    coalesce(v.visits, 0) as visits,
    coalesce(v.posts_opened, 0)::bigint as posts_opened,
    coalesce(p.posts, 0) as posts,
    coalesce(s.services, 0) as services,
    coalesce(s.graduates_served, 0) as graduates_served
from active_days as a
left join ref_province as r on r.province_code = a.province_code
left join fairs as f on f.report_date = a.report_date and f.province_code = a.province_code
left join visits as v on v.report_date = a.report_date and v.province_code = a.province_code
left join posts as p on p.report_date = a.report_date and p.province_code = a.province_code
left join services as s on s.report_date = a.report_date and s.province_code = a.province_code
order by a.report_date, a.province_code
