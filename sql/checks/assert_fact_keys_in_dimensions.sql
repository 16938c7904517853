-- assert_fact_keys_in_dimensions: every staged record reached its fact, and a fact row whose record names a
-- member (an institution hosting a fair, an industry) has its key. Returns one row per record or key that is
-- missing. That every key a fact holds is found in its dimension is tested from the model files (relationships).
-- Of the large facts, only the rows this load wrote are read: a kept row names a member whose row did not change.
with lost as (
    select 'fact_fair' as fact, count(*) - (select count(*) from fact_fair) as missing from stg_fairs
    union all select 'fact_enterprise_visit', count(*) - (select count(*) from fact_enterprise_visit) from stg_visits
    union all select 'fact_post', count(*) - (select count(*) from fact_post) from stg_posts
    union all select 'fact_graduate_service', count(*) - (select count(*) from fact_graduate_service) from stg_services
),

dangling as (
    select 'fact_fair.host_institution_key' as fact, count(*) as missing
    from fact_fair where host_institution_code is not null and host_institution_key is null
    union all select 'fact_post.posted_industry_key', count(*)
    from written_fact_post where posted_industry_code is not null and posted_industry_key is null
)

select fact, missing from lost where missing <> 0
union all
select fact, missing from dangling where missing <> 0
