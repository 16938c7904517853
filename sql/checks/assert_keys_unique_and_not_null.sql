-- assert_keys_unique_and_not_null: every table's key identifies exactly one row and is never null.
-- Returns one row per key that breaks it. Each table is grouped on its own, so that a national warehouse is
-- checked within the load's memory limit; surrogate keys are grouped as numbers and only offenders shown as text.
-- The large tables are checked on the rows this load wrote (written_*): a natural key lives in one identity, all of
-- whose rows were written or kept, and a surrogate key written is looked for among the kept rows (kept_*) too.
select 'dim_institution' as table_name, institution_key::varchar as key_value, count(*) as occurrences
    from dim_institution group by institution_key
    having institution_key is null or count(*) > 1
union all select 'dim_institution.code', institution_code, count(*)
    from dim_institution group by all
    having institution_code is null or count(*) > 1
union all select 'dim_enterprise', enterprise_key::varchar, count(*)
    from (
        select enterprise_key from written_dim_enterprise
        union all
        select enterprise_key from kept_dim_enterprise semi join written_dim_enterprise using (enterprise_key)
    )
    group by enterprise_key
    having enterprise_key is null or count(*) > 1
union all select 'dim_enterprise.current', uscc, count(*)
    from written_dim_enterprise where is_current group by all
    having uscc is null or count(*) > 1
union all select 'dim_graduate', graduate_key::varchar, count(*)
    from (
        select graduate_key from written_dim_graduate
        union all
        select graduate_key from kept_dim_graduate semi join written_dim_graduate using (graduate_key)
    )
    group by graduate_key
    having graduate_key is null or count(*) > 1
union all select 'dim_graduate.current', graduate_id, count(*)
    from written_dim_graduate where is_current group by all
    having graduate_id is null or count(*) > 1
union all select 'fact_fair', source_id || '/' || fair_id, count(*)
    from fact_fair group by source_id, fair_id
    having source_id is null or fair_id is null or count(*) > 1
union all select 'fact_enterprise_visit', source_id || '/' || visit_id, count(*)
    from fact_enterprise_visit group by source_id, visit_id
    having source_id is null or visit_id is null or count(*) > 1
union all select 'fact_post', origin_platform || '/' || origin_post_id, count(*)
    from written_fact_post group by origin_platform, origin_post_id
    having origin_platform is null or origin_post_id is null or count(*) > 1
union all select 'fact_graduate_service', source_id || '/' || service_id, count(*)
    from written_fact_graduate_service group by source_id, service_id
    having source_id is null or service_id is null or count(*) > 1
union all select 'dim_region', region_code, count(*)
    from dim_region group by all
    having region_code is null or count(*) > 1
union all select 'dim_industry', industry_code, count(*)
    from dim_industry group by all
    having industry_code is null or count(*) > 1
union all select 'dim_source', source_id, count(*)
    from dim_source group by all
    having source_id is null or count(*) > 1
union all select 'dim_campaign', campaign_id, count(*)
    from dim_campaign group by all
    having campaign_id is null or count(*) > 1
union all select 'dim_date', date_key::varchar, count(*)
    from dim_date group by date_key
    having date_key is null or count(*) > 1
