-- difficulty_push_compliance: whether each graduate in difficulty was pushed at least 3 distinct posts.
-- grain: one row per (campaign, institution) with difficulty graduates of the campaign;
-- key: campaign_id, institution_code
-- A graduate belongs to the institution of their current roster record; pushes count inside the window.
select
    d.campaign_id,
    d.institution_code,
    i.province_code,
    d.difficulty_graduates,
    d.difficulty_pushed_3plus as pushed_3plus,
    d.difficulty_pushed_3plus / d.difficulty_graduates as share_pushed_3plus
from int_campaign_institution_graduates as d
left join dim_institution as i on i.institution_code = d.institution_code
where d.difficulty_graduates > 0
order by d.campaign_id, d.institution_code
