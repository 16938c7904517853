-- load_deliveries: every inbox file the warehouse has seen, and what became of it (export contract §5).
-- grain: one row per file seen; key: file_name, sha256
-- An accepted delivery is 'replaced' once a higher sequence for its source and business date is accepted.
with accepted as (
    select
        file_name,
        sha256,
        sequence < max(sequence) over (partition by source_id, business_date) as superseded
    from load_ledger
    where accepted
)

select
    l.file_name,
    l.sha256,
    l.source_id,
    l.business_date,
    l.sequence,
    case when a.superseded then 'replaced' else l.status end as status,
    coalesce(l.reason, '') as reason,
    l.records,
    l.rejected,
    l.seen_at,
    l.redacted,
    l.message
from load_ledger as l
left join accepted as a on a.file_name = l.file_name and a.sha256 = l.sha256
