-- fact_post: job posts, deduplicated nationwide by (origin_platform, origin_post_id).
-- grain: one row per post; key: origin_platform, origin_post_id
-- A post's date is its published_date; it counts in its work_region_code's province. sources_listing counts the
-- sources whose deliveries list it. enterprise_durable_key names the employer, not one of its versions (Kimball's
-- type 7): a new version of an employer, or its late master record, changes no post. So the post keeps the
-- industry it names itself; when it names none, the employer's applies (its current member's, in the marts).
select
    p.origin_platform,
    p.origin_post_id,
    s.source_key,
    p.source_id,
    p.post_id,
    p.sources_listing,
    d.date_key,
    p.published_date,
    -- as dim_enterprise computes it: every post's employer has a member there, inferred if need be
    (md5_number_lower(p.enterprise_uscc) >> 1)::bigint as enterprise_durable_key,
    p.enterprise_uscc,
    p.title,
    ind.industry_key as posted_industry_key,
    p.industry_code as posted_industry_code,
    r.region_key as work_region_key,
    p.work_region_code,
    substr(p.work_region_code, 1, 2) as province_code,
    p.headcount,
    p.salary_min,
    p.salary_max,
    p.education_min,
    coalesce(p.policy_program, 'none') as policy_program,
    p.closed_date
from stg_posts as p
join dim_source as s on s.source_id = p.source_id
join dim_date as d on d.date = p.published_date
join dim_region as r on r.region_code = p.work_region_code
left join dim_industry as ind on ind.industry_code = p.industry_code
