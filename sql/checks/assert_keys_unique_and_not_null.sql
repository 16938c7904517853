-- assert_keys_unique_and_not_null: every table's key identifies exactly one row and is never null.
-- Returns one row per key that breaks it.
with keys as (
    select 'dim_institution' as table_name, institution_key::varchar as key_value from dim_institution
    union all select 'dim_institution.code', institution_code from dim_institution
    union all select 'dim_enterprise', enterprise_key::varchar from dim_enterprise
    union all select 'dim_enterprise.current', uscc from dim_enterprise where is_current
    union all select 'dim_graduate', graduate_key::varchar from dim_graduate
    union all select 'dim_graduate.current', graduate_id from dim_graduate where is_current
    union all select 'dim_region', region_code from dim_region
    union all select 'dim_industry', industry_code from dim_industry
    union all select 'dim_source', source_id from dim_source
    union all select 'dim_campaign', campaign_id from dim_campaign
    union all select 'dim_date', date_key::varchar from dim_date
    union all select 'fact_fair', source_id || '/' || fair_id from fact_fair
    union all select 'fact_enterprise_visit', source_id || '/' || visit_id from fact_enterprise_visit
    union all select 'fact_post', origin_platform || '/' || origin_post_id from fact_post
    union all select 'fact_graduate_service', source_id || '/' || service_id from fact_graduate_service
)

select table_name, key_value, count(*) as occurrences
from keys
group by table_name, key_value
having key_value is null or count(*) > 1
