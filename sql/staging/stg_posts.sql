-- stg_posts: the current state of each post, deduplicated nationwide.
-- grain: one row per post; key: origin_platform, origin_post_id
-- However many sources export a post, it is one post (export contract §3); sources_listing counts the distinct
-- sources whose effective deliveries list it. Its state is the version of the latest effective delivery.
with versions as (
    select
        *,
        row_number() over (
            partition by origin_platform, origin_post_id
            order by business_date desc, sequence desc, source_id desc
        ) as recency,
        count(distinct source_id) filter (where op = 'U')
            over (partition by origin_platform, origin_post_id) as sources_listing
    from raw_posts
)

select * exclude (recency, op)
from versions
where recency = 1 and op = 'U'
