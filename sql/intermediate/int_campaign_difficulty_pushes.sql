-- int_campaign_difficulty_pushes: how many distinct posts each difficulty graduate of a campaign was pushed.
-- grain: one row per (campaign, graduate in a difficulty group); key: campaign_id, graduate_id
-- Only post_push services dated inside the campaign's window count, whichever institution gave them.
with difficulty_graduates as (
    select campaign_id, start_date, end_date, graduate_id, graduate_durable_key, institution_code
    from int_campaign_graduates
    where in_difficulty
),

pushes as (
    select
        d.campaign_id,
        d.graduate_durable_key,
        count(distinct (s.post_origin_platform, s.post_origin_id)) as posts_pushed
    from difficulty_graduates as d
    -- a fact names its graduate by durable key: joined by number, not by id
    join fact_graduate_service as s
        on s.graduate_durable_key = d.graduate_durable_key
        and s.service_type = 'post_push'
        and s.service_date between d.start_date and d.end_date
    group by d.campaign_id, d.graduate_durable_key
)

select
    d.campaign_id,
    d.graduate_id,
    d.institution_code,
    coalesce(p.posts_pushed, 0) as posts_pushed
from difficulty_graduates as d
left join pushes as p on p.campaign_id = d.campaign_id and p.graduate_durable_key = d.graduate_durable_key
