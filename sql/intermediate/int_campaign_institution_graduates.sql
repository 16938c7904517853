-- int_campaign_institution_graduates: each campaign's graduates per institution, and its difficulty graduates.
-- grain: one row per (campaign, institution of the campaign's graduates); key: campaign_id, institution_code
-- A graduate counts at the institution of their current roster record; pushes count inside the window. Built once
-- per load, so the compliance reports and the totals read institutions rather than each scanning the graduates.
-- The graduates are those of int_campaign_graduates (current, not inferred, of the campaign's cohort), counted per
-- cohort first: campaigns sharing a cohort then read each graduate once, not once per campaign.
with cohort_graduates as (
    select
        cohort,
        institution_code,
        count(*) as graduates,
        count(*) filter (where destination <> 'unplaced') as placed,
        count(*) filter (where in_difficulty) as difficulty_graduates
    from dim_graduate
    where is_current and not is_inferred
    group by cohort, institution_code
),

pushed as (
    -- only the difficulty graduates pushed at least 3 posts: joining every graduate to their services spilled a
    -- national campaign, and the others need no row to count as none
    select
        s.campaign_id,
        g.institution_code,
        count(*) as difficulty_pushed_3plus
    from int_campaign_graduate_services as s
    join dim_campaign as c on c.campaign_id = s.campaign_id
    join dim_graduate as g
        on g.graduate_durable_key = s.graduate_durable_key and g.cohort = c.cohort
    where s.posts_pushed >= 3 and g.is_current and not g.is_inferred and g.in_difficulty
    group by s.campaign_id, g.institution_code
)

select
    c.campaign_id,
    g.institution_code,
    g.graduates,
    g.placed,
    g.difficulty_graduates,
    coalesce(p.difficulty_pushed_3plus, 0) as difficulty_pushed_3plus
from dim_campaign as c
join cohort_graduates as g on g.cohort = c.cohort
left join pushed as p on p.campaign_id = c.campaign_id and p.institution_code = g.institution_code
