-- stg_posts: the current state of each post, deduplicated nationwide.
-- grain: one row per post; key: origin_platform, origin_post_id
-- However many sources export a post, it is one post (export contract §3); sources_listing counts the distinct
-- sources whose effective deliveries list it. Its state is the version of the latest effective delivery.
-- The latest version is found by grouping, then joined back: a window ranking every record sorted whole records,
-- which took longer (docs/BENCHMARKS.md, session 33).
with listings as (
    select
        origin_platform,
        origin_post_id,
        -- structs compare field by field: the latest business date, then the highest sequence, then the
        -- greatest source
        max(struct_pack(business_date, sequence, source_id)) as latest,
        count(distinct source_id) filter (where op = 'U') as sources_listing
    from raw_posts
    group by origin_platform, origin_post_id
)

select * exclude (op, latest)
from raw_posts
join listings using (origin_platform, origin_post_id)
where
    op = 'U'
    and latest.business_date = business_date
    and latest.sequence = sequence
    and latest.source_id = source_id
