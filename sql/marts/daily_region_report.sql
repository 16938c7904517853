-- daily_region_report: the daily 17:00 report each province sends, from the facts dated that day.
-- grain: one row per (report_date, province_code) with any activity; key: report_date, province_code
-- A fair counts in the province of its region_code; a visit and a service in their institution's province;
-- a post (after cross-source dedup) in the province of its work_region_code (see int_daily_activity).
select
    a.activity_date as report_date,
    a.province_code,
    r.province_name,
    a.fairs,
    a.fair_attendees,
    a.visits,
    a.posts_opened,
    a.posts,
    a.services,
    a.graduates_served
from int_daily_activity as a
left join ref_province as r on r.province_code = a.province_code
order by a.activity_date, a.province_code
