-- dim_campaign: the campaigns of the operator's calendar (jobs/campaigns.csv).
-- grain: one row per campaign; key: campaign_key (natural key campaign_id)
select
    row_number() over (order by start_date, campaign_id) as campaign_key,
    campaign_id,
    name,
    start_date,
    end_date,
    cohort
from ref_campaign
