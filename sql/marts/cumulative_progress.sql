-- cumulative_progress: each campaign's running totals, day by day through its window.
-- grain: one row per (campaign, date) from the window's start to the earlier of its end and the as-of date
-- (the latest business date loaded, or a snapshot's as-of date); key: campaign_id, date
-- Days without activity are included; graduates_served counts distinct graduates served so far.
with days as (
    select c.campaign_id, c.start_date, d.date
    from dim_campaign as c
    cross join warehouse_state as w
    join dim_date as d on d.date between c.start_date and least(c.end_date, w.as_of_date)
),

daily as (
    select
        activity_date as date,
        sum(fairs) as fairs,
        sum(posts) as posts,
        sum(visits) as visits,
        sum(posts_opened) as posts_opened
    from int_daily_activity
    group by all
),

served_by_day as (
    select campaign_id, first_served_date as date, count(*) as graduates_first_served
    from int_campaign_graduate_services
    group by all
)

select
    d.campaign_id,
    d.date,
    (sum(coalesce(x.fairs, 0)) over running)::bigint as fairs,
    (sum(coalesce(x.posts, 0)) over running)::bigint as posts,
    (sum(coalesce(x.visits, 0)) over running)::bigint as visits,
    (sum(coalesce(x.posts_opened, 0)) over running)::bigint as posts_opened,
    (sum(coalesce(s.graduates_first_served, 0)) over running)::bigint as graduates_served
from days as d
left join daily as x on x.date = d.date
left join served_by_day as s on s.campaign_id = d.campaign_id and s.date = d.date
window running as (partition by d.campaign_id order by d.date)
order by d.campaign_id, d.date
