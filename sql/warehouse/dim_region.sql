-- dim_region: GB/T 2260 administrative divisions: the 31 provinces and every finer code the facts use.
-- grain: one row per region code; key: region_key (natural key region_code)
with codes as (
    select province_code as region_code from ref_province
    union select region_code from stg_fairs
    union select region_code from stg_enterprise_versions
    union select work_region_code from stg_posts
    union select region_code from dim_enterprise
)

select
    -- the code as a number (2, 4 and 6 digits never coincide): a member keeps its key whatever else arrives
    c.region_code::integer as region_key,
    c.region_code,
    case length(c.region_code) when 2 then 'province' when 4 then 'city' else 'county' end as region_level,
    substr(c.region_code, 1, 2) as province_code,
    p.province_name,
    case when length(c.region_code) = 2 then p.province_name end as region_name
from codes as c
left join ref_province as p on p.province_code = substr(c.region_code, 1, 2)
