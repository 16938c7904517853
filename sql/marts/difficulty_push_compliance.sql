-- difficulty_push_compliance: whether each graduate in difficulty was pushed at least 3 distinct posts.
-- grain: one row per (campaign, institution) with difficulty graduates of the campaign;
-- key: campaign_id, institution_code
-- A graduate belongs to the institution of their current roster record; pushes count inside the window.
select
    d.campaign_id,
    d.institution_code,
    i.province_code,
    count(*) as difficulty_graduates,
    count(*) filter (where d.posts_pushed >= 3) as pushed_3plus,
    count(*) filter (where d.posts_pushed >= 3) / count(*) as share_pushed_3plus
from int_campaign_difficulty_pushes as d
left join dim_institution as i on i.institution_code = d.institution_code
group by d.campaign_id, d.institution_code, i.province_code
order by d.campaign_id, d.institution_code
