-- int_campaign_institution_graduates: each campaign's graduates per institution, and its difficulty graduates.
-- grain: one row per (campaign, institution of the campaign's graduates); key: campaign_id, institution_code
-- A graduate counts at the institution of their current roster record; pushes count inside the window. Built once
-- per load, so the compliance reports and the totals read institutions rather than each scanning the graduates.
with graduates as (
    select
        campaign_id,
        institution_code,
        count(*) as graduates,
        count(*) filter (where destination <> 'unplaced') as placed,
        count(*) filter (where in_difficulty) as difficulty_graduates
    from int_campaign_graduates
    group by campaign_id, institution_code
),

pushed as (
    -- only the difficulty graduates pushed at least 3 posts: joining every graduate to their services spilled a
    -- national campaign, and the others need no row to count as none
    select
        d.campaign_id,
        d.institution_code,
        count(*) as difficulty_pushed_3plus
    from int_campaign_graduates as d
    join int_campaign_graduate_services as s
        on s.campaign_id = d.campaign_id and s.graduate_durable_key = d.graduate_durable_key
    where d.in_difficulty and s.posts_pushed >= 3
    group by d.campaign_id, d.institution_code
)

select
    g.campaign_id,
    g.institution_code,
    g.graduates,
    g.placed,
    g.difficulty_graduates,
    coalesce(p.difficulty_pushed_3plus, 0) as difficulty_pushed_3plus
from graduates as g
left join pushed as p on p.campaign_id = g.campaign_id and p.institution_code = g.institution_code
