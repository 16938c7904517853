-- assert_fact_keys_in_dimensions: every staged record reached its fact, and every key of a fact row is
-- found in its dimension. Returns one row per record or key that is missing. Of the large facts, only the rows this
-- load wrote are read: a kept row names a member whose row did not change, or the load would have rewritten it.
with lost as (
    select 'fact_fair' as fact, count(*) - (select count(*) from fact_fair) as missing from stg_fairs
    union all select 'fact_enterprise_visit', count(*) - (select count(*) from fact_enterprise_visit) from stg_visits
    union all select 'fact_post', count(*) - (select count(*) from fact_post) from stg_posts
    union all select 'fact_graduate_service', count(*) - (select count(*) from fact_graduate_service) from stg_services
),

dangling as (
    select 'fact_fair.host_institution_key' as fact, count(*) as missing
    from fact_fair where host_institution_code is not null and host_institution_key is null
    union all select 'fact_post.industry_key', count(*)
    from written_fact_post where industry_code is not null and industry_key is null
    union all select 'fact_post.enterprise_key', count(*)
    from written_fact_post as f anti join dim_enterprise as e on e.enterprise_key = f.enterprise_key
    union all select 'fact_enterprise_visit.institution_key', count(*)
    from fact_enterprise_visit as f anti join dim_institution as i on i.institution_key = f.institution_key
    union all select 'fact_graduate_service.graduate_key', count(*)
    from written_fact_graduate_service as f anti join dim_graduate as g on g.graduate_key = f.graduate_key
)

select fact, missing from lost where missing <> 0
union all
select fact, missing from dangling where missing <> 0
