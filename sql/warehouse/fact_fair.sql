-- fact_fair: recruitment fairs and online recruitment events.
-- grain: one row per fair; key: source_id, fair_id
-- A fair's date is its start_date; it counts in the province of its region_code.
select
    s.source_key,
    f.source_id,
    f.fair_id,
    d.date_key,
    f.name,
    f.start_date,
    f.end_date,
    f.fair_type,
    f.channel,
    f.channel in ('online', 'hybrid') as is_online,
    i.institution_key as host_institution_key,
    f.host_institution_code,
    r.region_key,
    f.region_code,
    substr(f.region_code, 1, 2) as province_code,
    f.employers,
    f.posts,
    f.positions,
    f.attendees
from stg_fairs as f
join dim_source as s on s.source_id = f.source_id
join dim_date as d on d.date = f.start_date
join dim_region as r on r.region_code = f.region_code
left join dim_institution as i on i.institution_code = f.host_institution_code
