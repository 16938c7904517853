-- int_campaign_institution_graduates: each campaign's graduates per institution, and its difficulty graduates.
-- grain: one row per (campaign, institution of the campaign's graduates); key: campaign_id, institution_code
-- A graduate counts at the institution of their current roster record; pushes count inside the window. Built once
-- per load, so the compliance reports and the totals read institutions rather than each scanning the graduates.
select
    g.campaign_id,
    g.institution_code,
    count(*) as graduates,
    count(*) filter (where g.destination <> 'unplaced') as placed,
    count(*) filter (where g.in_difficulty) as difficulty_graduates,
    count(*) filter (where g.in_difficulty and s.posts_pushed >= 3) as difficulty_pushed_3plus
from int_campaign_graduates as g
left join int_campaign_graduate_services as s
    on s.campaign_id = g.campaign_id and s.graduate_durable_key = g.graduate_durable_key
group by g.campaign_id, g.institution_code
