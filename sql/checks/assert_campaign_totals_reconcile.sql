-- assert_campaign_totals_reconcile: campaign_totals agrees with the facts counted day by day, and its
-- sub-counts never exceed their totals. Returns one row per campaign and figure that disagrees. The facts are
-- counted per day first: one scan of each fact table, whatever the number of campaigns.
with days as (
    select start_date as day, 'fairs' as figure, count(*) as n from fact_fair group by all
    union all
    select published_date, 'posts', count(*) from fact_post group by all
    union all
    select visit_date, 'visits', count(*) from fact_enterprise_visit group by all
    union all
    select service_date, 'services', count(*) from fact_graduate_service group by all
),

daily as (
    select
        c.campaign_id,
        coalesce(sum(d.n) filter (where d.figure = 'fairs'), 0) as fairs,
        coalesce(sum(d.n) filter (where d.figure = 'posts'), 0) as posts,
        coalesce(sum(d.n) filter (where d.figure = 'visits'), 0) as visits,
        coalesce(sum(d.n) filter (where d.figure = 'services'), 0) as services
    from dim_campaign as c
    left join days as d on d.day between c.start_date and c.end_date
    group by c.campaign_id
)

select t.campaign_id, 'totals differ from the facts' as problem
from campaign_totals as t
join daily as d using (campaign_id)
where t.fairs <> d.fairs or t.posts <> d.posts or t.visits <> d.visits or t.services <> d.services
union all
select campaign_id, 'a part exceeds its whole'
from campaign_totals
where online_fairs > fairs or sme_posts > posts or policy_posts > posts
    or difficulty_graduates_pushed_3plus > difficulty_graduates or graduates_served > services
union all
select campaign_id, 'campaign_totals lacks a campaign'
from dim_campaign as d
where not exists (select 1 from campaign_totals as t where t.campaign_id = d.campaign_id)
