-- int_campaign_graduates: each campaign's graduates, the current graduates of the campaign's cohort.
-- grain: one row per (campaign, graduate); key: campaign_id, graduate_id
-- Withdrawn graduates have no current version and inferred members no cohort, so neither is counted.
with campaigns as (
    select campaign_id, start_date, end_date, cohort from dim_campaign
)

select
    c.campaign_id,
    c.start_date,
    c.end_date,
    g.graduate_id,
    g.graduate_durable_key,
    g.institution_code,
    g.destination,
    g.in_difficulty
from campaigns as c
join dim_graduate as g on g.cohort = c.cohort and g.is_current and not g.is_inferred
