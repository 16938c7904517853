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
    select d.campaign_id, d.date, 'fairs' as measure, count(f.start_date) as amount
    from days as d
    join fact_fair as f on f.start_date = d.date
    group by all
    union all
    select d.campaign_id, d.date, 'posts', count(*)
    from days as d
    join fact_post as p on p.published_date = d.date
    group by all
    union all
    select d.campaign_id, d.date, 'visits', count(*)
    from days as d
    join fact_enterprise_visit as v on v.visit_date = d.date
    group by all
    union all
    select d.campaign_id, d.date, 'posts_opened', sum(v.posts_opened)
    from days as d
    join fact_enterprise_visit as v on v.visit_date = d.date
    group by all
),

first_served as (
    -- a fact names its graduate by durable key: one per graduate, grouped faster than the id
    select d.campaign_id, min(s.service_date) as date, s.graduate_durable_key
    from days as d
    join fact_graduate_service as s on s.service_date = d.date
    group by d.campaign_id, s.graduate_durable_key
),

by_day as (
    select
        d.campaign_id,
        d.date,
        coalesce(sum(x.amount) filter (where x.measure = 'fairs'), 0) as fairs,
        coalesce(sum(x.amount) filter (where x.measure = 'posts'), 0) as posts,
        coalesce(sum(x.amount) filter (where x.measure = 'visits'), 0) as visits,
        coalesce(sum(x.amount) filter (where x.measure = 'posts_opened'), 0) as posts_opened
    from days as d
    left join daily as x using (campaign_id, date)
    group by d.campaign_id, d.date
),

served_by_day as (
    select campaign_id, date, count(*) as graduates_first_served
    from first_served
    group by all
)

select
    b.campaign_id,
    b.date,
    (sum(b.fairs) over running)::bigint as fairs,
    (sum(b.posts) over running)::bigint as posts,
    (sum(b.visits) over running)::bigint as visits,
    (sum(b.posts_opened) over running)::bigint as posts_opened,
    (sum(coalesce(s.graduates_first_served, 0)) over running)::bigint as graduates_served
from by_day as b
left join served_by_day as s using (campaign_id, date)
window running as (partition by b.campaign_id order by b.date)
order by b.campaign_id, b.date
