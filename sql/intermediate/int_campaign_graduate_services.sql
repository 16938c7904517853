-- int_campaign_graduate_services: what each graduate served inside a campaign's window was given there.
-- grain: one row per (campaign, graduate served in its window); key: campaign_id, graduate_durable_key
-- Only services dated inside the window count, whichever institution gave them. Kept from load to load: a load
-- recomputes only the graduates whose services it changed (all of them when a campaign's window changed), so the
-- campaign's distinct graduates, running totals and pushes read graduates, not services.
select
    c.campaign_id,
    s.graduate_durable_key,
    min(s.service_date) as first_served_date,
    count(*) as services,
    count(distinct (s.post_origin_platform, s.post_origin_id)) filter (where s.service_type = 'post_push')
        as posts_pushed
from dim_campaign as c
join fact_graduate_service as s on s.service_date between c.start_date and c.end_date
group by c.campaign_id, s.graduate_durable_key
