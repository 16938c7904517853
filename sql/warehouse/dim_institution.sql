-- dim_institution: institutions, from their master records or inferred from the codes facts refer to.
-- grain: one row per institution; key: institution_key (natural key institution_code)
-- An inferred member (is_inferred) knows only its province, digits 3-4 of its code, until the master record
-- arrives; it exists while a current record refers to it. newly_built: undergraduate, founded 2010 or later.
with referenced as (
    select institution_code from stg_visits
    union select institution_code from stg_services
    union select institution_code from stg_graduate_versions where is_current
    union select host_institution_code from stg_fairs where host_institution_code is not null
),

members as (
    select
        institution_code, name, province_code, city, authority, level, ownership, founded_year,
        false as is_inferred
    from stg_institutions
    union all
    select
        r.institution_code, null, substr(r.institution_code, 3, 2), null, null, null, null, null,
        true
    from referenced as r
    anti join stg_institutions as m on m.institution_code = r.institution_code
)

select
    -- the 10-digit code as a number: a member keeps its key whatever else arrives, and facts store it compactly
    institution_code::bigint as institution_key,
    institution_code,
    name,
    province_code,
    city,
    authority,
    level,
    ownership,
    founded_year::integer as founded_year,
    coalesce(level = 'undergraduate' and founded_year >= 2010, false) as newly_built,
    is_inferred
from members
