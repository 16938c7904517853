-- int_campaign_enterprise_posts: what each employer published inside a campaign's window.
-- grain: one row per (campaign, employer with posts dated in its window); key: campaign_id, enterprise_durable_key
-- Posts are counted after cross-source dedup. Kept from load to load: a load recomputes only the employers whose
-- posts it changed (all of them when a campaign's window changed), so the campaign's totals read employers, not
-- posts. Whether an employer is small or micro is read from its current member when the totals are computed, so
-- late master data changes no row here.
select
    c.campaign_id,
    p.enterprise_durable_key,
    count(*) as posts,
    sum(p.headcount)::bigint as post_positions,
    count(*) filter (where p.policy_program <> 'none') as policy_posts
from dim_campaign as c
join fact_post as p on p.published_date between c.start_date and c.end_date
group by c.campaign_id, p.enterprise_durable_key
