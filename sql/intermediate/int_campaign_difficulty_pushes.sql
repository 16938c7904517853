-- int_campaign_difficulty_pushes: how many distinct posts each difficulty graduate of a campaign was pushed.
-- grain: one row per (campaign, graduate in a difficulty group); key: campaign_id, graduate_id
-- Only post_push services dated inside the campaign's window count, whichever institution gave them.
select
    d.campaign_id,
    d.graduate_id,
    d.institution_code,
    coalesce(s.posts_pushed, 0) as posts_pushed
from int_campaign_graduates as d
left join int_campaign_graduate_services as s
    on s.campaign_id = d.campaign_id and s.graduate_durable_key = d.graduate_durable_key
where d.in_difficulty
