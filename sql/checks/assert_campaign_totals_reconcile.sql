-- assert_campaign_totals_reconcile: campaign_totals agrees with the facts counted day by day, and its
-- sub-counts never exceed their totals. Returns one row per campaign and figure that disagrees.
with daily as (
    select
        c.campaign_id,
        (select count(*) from fact_fair as f where f.start_date between c.start_date and c.end_date) as fairs,
        (select count(*) from fact_post as p where p.published_date between c.start_date and c.end_date) as posts,
        (select count(*) from fact_enterprise_visit as v where v.visit_date between c.start_date and c.end_date)
            as visits,
        (select count(*) from fact_graduate_service as s where s.service_date between c.start_date and c.end_date)
            as services
    from dim_campaign as c
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
