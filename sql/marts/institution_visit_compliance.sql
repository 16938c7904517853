-- institution_visit_compliance: the campaign's two visit targets (the Ministry's 2022 notice), per institution.
-- grain: one row per (campaign, institution of dim_institution); key: campaign_id, institution_code
-- Newly built undergraduate and all vocational institutions: party secretary and president together visit at
-- least 100 distinct employers. Institutions placing a smaller share of the campaign's graduates than their
-- province does: the leadership opens at least 100 distinct new partners. A *_target_met is null where its
-- target does not apply; an inferred institution has no level, so neither target applies to it.
with campaigns as (
    select campaign_id, start_date, end_date from dim_campaign
),

leader_visits as (
    select
        c.campaign_id,
        v.institution_code,
        count(distinct v.enterprise_uscc)
            filter (where v.visitor_role in ('party_secretary', 'president')) as leader_enterprises_visited,
        count(distinct v.enterprise_uscc)
            filter (where v.new_partner and v.visitor_role in ('party_secretary', 'president', 'leadership'))
            as leadership_new_partners
    from campaigns as c
    join fact_enterprise_visit as v on v.visit_date between c.start_date and c.end_date
    group by all
),

placement as (
    select campaign_id, institution_code, graduates, placed
    from int_campaign_institution_graduates
),

institutions as (
    select
        c.campaign_id,
        i.institution_code,
        i.name,
        i.province_code,
        i.level,
        i.newly_built,
        coalesce(p.graduates, 0) as graduates,
        coalesce(p.placed, 0) as placed
    from campaigns as c
    cross join dim_institution as i
    left join placement as p on p.campaign_id = c.campaign_id and p.institution_code = i.institution_code
),

provinces as (
    select campaign_id, province_code, sum(placed) / nullif(sum(graduates), 0) as province_placement_rate
    from institutions
    group by all
),

rated as (
    select
        i.*,
        i.placed / nullif(i.graduates, 0) as placement_rate,
        p.province_placement_rate,
        coalesce(v.leader_enterprises_visited, 0) as leader_enterprises_visited,
        coalesce(v.leadership_new_partners, 0) as leadership_new_partners,
        coalesce(i.newly_built or i.level = 'vocational', false) as visit_target_applies
    from institutions as i
    join provinces as p using (campaign_id, province_code)
    left join leader_visits as v using (campaign_id, institution_code)
)

select
    campaign_id,
    institution_code,
    name,
    province_code,
    level,
    newly_built,
    leader_enterprises_visited,
    visit_target_applies,
    case when visit_target_applies then leader_enterprises_visited >= 100 end as visit_target_met,
    placement_rate,
    province_placement_rate,
    placement_rate < province_placement_rate as below_province_average,
    leadership_new_partners,
    coalesce(placement_rate < province_placement_rate, false) as new_partner_target_applies,
    case when placement_rate < province_placement_rate then leadership_new_partners >= 100 end
        as new_partner_target_met
from rated
order by campaign_id, institution_code
