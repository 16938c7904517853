-- fact_graduate_service: services given to graduates: guidance, training, posts pushed to graduates in difficulty.
-- grain: one row per service; key: source_id, service_id
-- A service's date is its service_date; it counts in its institution's province. graduate_durable_key names
-- the graduate, not one of their versions (Kimball's type 7): a new roster version changes no service row. The
-- graduate's pseudonym, graduate_id, is reached through dim_graduate and not repeated here: 32 random hex digits
-- per service were half of this table's bytes.
select
    s.source_key,
    v.source_id,
    v.service_id,
    d.date_key,
    v.service_date,
    -- as dim_graduate computes it: every service's graduate has a member there, inferred if need be
    (md5_number_lower(v.graduate_id) >> 1)::bigint as graduate_durable_key,
    i.institution_key,
    v.institution_code,
    i.province_code,
    v.service_type,
    v.post_origin_platform,
    v.post_origin_id,
    v.program,
    v.hours
from stg_services as v
join dim_source as s on s.source_id = v.source_id
join dim_date as d on d.date = v.service_date
join dim_institution as i on i.institution_code = v.institution_code
