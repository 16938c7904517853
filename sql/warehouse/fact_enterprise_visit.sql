-- fact_enterprise_visit: visits of university leaders to employers (访企拓岗).
-- grain: one row per visit; key: source_id, visit_id
-- A visit's date is its visit_date; it counts in its institution's province. enterprise_durable_key names the
-- employer, not one of its versions (Kimball's type 7), as in fact_post.
select
    s.source_key,
    v.source_id,
    v.visit_id,
    d.date_key,
    v.visit_date,
    i.institution_key,
    v.institution_code,
    i.province_code,
    -- as dim_enterprise computes it: every visited employer has a member there, inferred if need be
    (md5_number_lower(v.enterprise_uscc) >> 1)::bigint as enterprise_durable_key,
    v.enterprise_uscc,
    v.visitor_role,
    v.new_partner,
    v.posts_opened,
    v.agreement_signed
from stg_visits as v
join dim_source as s on s.source_id = v.source_id
join dim_date as d on d.date = v.visit_date
join dim_institution as i on i.institution_code = v.institution_code
