-- campaign_totals: the headline figures of each campaign, over the facts dated inside its window.
-- grain: one row per campaign; key: campaign_id
-- Counts over nothing are 0. posts are distinct after cross-source dedup; sme_posts those of small or micro
-- enterprises; difficulty_graduates are the campaign cohort's current graduates in any difficulty group, and
-- difficulty_graduates_pushed_3plus those pushed at least 3 distinct posts inside the window.
with campaigns as (
    select campaign_id, start_date, end_date, cohort from dim_campaign
),

fairs as (
    select
        c.campaign_id,
        count(*) as fairs,
        count(*) filter (where f.is_online) as online_fairs,
        sum(f.employers) as fair_employers,
        sum(f.posts) as fair_posts,
        sum(f.attendees) as fair_attendees
    from campaigns as c
    join fact_fair as f on f.start_date between c.start_date and c.end_date
    group by c.campaign_id
),

visits as (
    select
        c.campaign_id,
        count(*) as visits,
        count(distinct v.institution_code) as visiting_institutions,
        count(distinct v.enterprise_uscc) as enterprises_visited,
        count(distinct case when v.new_partner then (v.institution_code, v.enterprise_uscc) end) as new_partners,
        sum(v.posts_opened) as posts_opened
    from campaigns as c
    join fact_enterprise_visit as v on v.visit_date between c.start_date and c.end_date
    group by c.campaign_id
),

posts as (
    select
        p.campaign_id,
        sum(p.posts)::bigint as posts,
        sum(p.post_positions) as post_positions,
        (sum(p.posts) filter (where e.is_sme))::bigint as sme_posts,
        sum(p.policy_posts)::bigint as policy_posts
    from int_campaign_enterprise_posts as p
    join dim_enterprise as e on e.enterprise_durable_key = p.enterprise_durable_key and e.is_current
    group by p.campaign_id
),

services as (
    select
        campaign_id,
        sum(services) as services,
        count(*) as graduates_served
    from int_campaign_graduate_services
    group by campaign_id
),

difficulty as (
    select
        campaign_id,
        sum(difficulty_graduates)::bigint as difficulty_graduates,
        sum(difficulty_pushed_3plus)::bigint as difficulty_graduates_pushed_3plus
    from int_campaign_institution_graduates
    group by campaign_id
)

select
    c.campaign_id,
    coalesce(f.fairs, 0) as fairs,
    coalesce(f.online_fairs, 0) as online_fairs,
    coalesce(f.fair_employers, 0)::bigint as fair_employers,
    coalesce(f.fair_posts, 0)::bigint as fair_posts,
    coalesce(f.fair_attendees, 0)::bigint as fair_attendees,
    coalesce(v.visits, 0) as visits,
    coalesce(v.visiting_institutions, 0) as visiting_institutions,
    coalesce(v.enterprises_visited, 0) as enterprises_visited,
    coalesce(v.new_partners, 0) as new_partners,
    coalesce(v.posts_opened, 0)::bigint as posts_opened,
    coalesce(p.posts, 0) as posts,
    coalesce(p.post_positions, 0)::bigint as post_positions,
    coalesce(p.sme_posts, 0) as sme_posts,
    coalesce(p.policy_posts, 0) as policy_posts,
    coalesce(s.graduates_served, 0) as graduates_served,
    coalesce(s.services, 0)::bigint as services,
    coalesce(d.difficulty_graduates, 0) as difficulty_graduates,
    coalesce(d.difficulty_graduates_pushed_3plus, 0) as difficulty_graduates_pushed_3plus
from campaigns as c
left join fairs as f on f.campaign_id = c.campaign_id
left join visits as v on v.campaign_id = c.campaign_id
left join posts as p on p.campaign_id = c.campaign_id
left join services as s on s.campaign_id = c.campaign_id
left join difficulty as d on d.campaign_id = c.campaign_id
order by c.campaign_id
