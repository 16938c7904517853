-- dim_source: the regional systems that deliver exports: the registry, and any source the ledger has seen.
-- grain: one row per source; key: source_key (natural key source_id)
with seen as (
    select distinct source_id from load_ledger where source_id is not null
),

sources as (
    select source_id, kind, name, province_code, true as is_registered from ref_source
    union all
    select s.source_id, null, null, null, false
    from seen as s
    anti join ref_source as r on r.source_id = s.source_id
)

select
    -- computed from the natural key alone: a source registered later renumbers no other, whose facts stay as they are
    (md5_number_lower(source_id) >> 1)::bigint as source_key,
    source_id,
    coalesce(kind, case split_part(source_id, '-', 1)
        when 'PROV' then 'province' when 'NATL' then 'national'
        when 'INST' then 'institution' when 'AGCY' then 'agency' end) as kind,
    name,
    province_code,
    is_registered
from sources
