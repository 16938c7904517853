-- dim_enterprise: employers with the history of their attributes (SCD type 2) and inferred members.
-- grain: one row per enterprise version; key: enterprise_key (natural key uscc, valid_from)
-- enterprise_durable_key is the employer's, shared by every version and the inferred member: the facts name it
-- (Kimball's type 7), so a new version of an employer, or its late master record, changes no fact row.
-- An inferred member (is_inferred) stands for a USCC that current visits or posts refer to while no current
-- master record exists; it knows only its region, characters 3-8 of the code, so it is not an SME.
with referenced as (
    select enterprise_uscc as uscc from stg_visits
    union select enterprise_uscc from stg_posts
),

inferred as (
    select
        r.uscc, null as name, null as ownership, null as size, null as industry_code,
        substr(r.uscc, 3, 6) as region_code,
        null::date as valid_from, null::date as valid_to, true as is_current, true as is_inferred
    from referenced as r
    anti join stg_enterprise_versions as v on v.uscc = r.uscc and v.is_latest
),

members as (
    select
        uscc, name, ownership, size, industry_code, region_code, valid_from, valid_to,
        is_latest as is_current, false as is_inferred
    from stg_enterprise_versions
    union all
    select
        uscc, name, ownership, size, industry_code, region_code, valid_from, valid_to, is_current, is_inferred
    from inferred
)

select
    -- computed from the natural key alone, as dim_graduate's key is
    (md5_number_lower(uscc || '|' || coalesce(valid_from::varchar, 'inferred')) >> 1)::bigint as enterprise_key,
    (md5_number_lower(uscc) >> 1)::bigint as enterprise_durable_key,
    uscc,
    name,
    ownership,
    size,
    coalesce(size in ('small', 'micro'), false) as is_sme,
    industry_code,
    region_code,
    substr(region_code, 1, 2) as province_code,
    valid_from,
    valid_to,
    is_current,
    is_inferred
from members
