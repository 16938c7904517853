-- campaign_daily_region_report: the daily 17:00 report of each province within each campaign's window, so that
-- "fairs per province in the promotion week" needs no join on dates.
-- grain: one row per (campaign_id, report_date, province_code) with any activity; key: the three
-- A day inside two windows (the promotion week lies inside the 2022 sprint) has a row in each; daily_region_report
-- keeps one row per (report_date, province_code), as the surface contract fixes.
with campaigns as (
    select campaign_id, start_date, end_date
    from dim_campaign
)

select
    c.campaign_id,
    r.report_date,
    r.province_code,
    r.province_name,
    r.fairs,
    r.fair_attendees,
    r.visits,
    r.posts_opened,
    r.posts,
    r.services,
    r.graduates_served
from daily_region_report as r
join campaigns as c on r.report_date between c.start_date and c.end_date
order by c.campaign_id, r.report_date, r.province_code
