-- fact_post: job posts, deduplicated nationwide by (origin_platform, origin_post_id).
-- grain: one row per post; key: origin_platform, origin_post_id
-- A post's date is its published_date; it counts in its work_region_code's province. When the post names no
-- industry, its enterprise's applies. sources_listing counts the sources whose deliveries list it.
select
    p.origin_platform,
    p.origin_post_id,
    s.source_key,
    p.source_id,
    p.post_id,
    p.sources_listing,
    d.date_key,
    p.published_date,
    e.enterprise_key,
    p.enterprise_uscc,
    p.title,
    ind.industry_key,
    coalesce(p.industry_code, e.industry_code) as industry_code,
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
join dim_enterprise as e on e.uscc = p.enterprise_uscc and e.is_current
join dim_region as r on r.region_code = p.work_region_code
left join dim_industry as ind on ind.industry_code = coalesce(p.industry_code, e.industry_code)
