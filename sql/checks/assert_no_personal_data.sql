-- assert_no_personal_data: no identity number, mobile number or identity-shaped pseudonym reaches the warehouse.
-- Returns one row per offending value: where it is and what it looks like, never the value itself (it may be
-- personal data, and a failing check is logged). Looks at every column that holds delivered free text (export
-- contract §6 redacts what the macros of sql/macros/personal_numbers.sql find),
-- the graduate's major code, the rejects' values, and the shape of graduate_id (a 32-hex-digit keyed hash).
-- Codes and identifiers are validated by the contract and cannot hold either. The large tables are read on the rows
-- this load wrote (written_*): the kept ones passed when they were written.
with texts as (
    select 'dim_institution.name' as column_name, name as value from dim_institution
    union all select 'dim_institution.city', city from dim_institution
    union all select 'dim_institution.authority', authority from dim_institution
    union all select 'dim_enterprise.name', name from written_dim_enterprise
    union all select 'dim_graduate.major_code', major_code from written_dim_graduate
    union all select 'fact_fair.name', name from fact_fair
    union all select 'fact_post.title', title from written_fact_post
    union all select 'fact_graduate_service.program', program from written_fact_graduate_service
    union all select 'load_rejects.value', value from load_rejects
),

with_long_numbers as (
    -- both patterns hold 11 digits in a row: the cheap test first, the check characters only for these
    select column_name, value
    from texts
    where regexp_matches(value, '[0-9]{11}')
),

found as (
    select column_name, 'identity number' as kind, length(value) as value_length
    from with_long_numbers
    where has_identity_number(value)
    union all
    select column_name, 'mobile number', length(value)
    from with_long_numbers
    where has_mobile_number(value)
    union all
    select 'dim_graduate.graduate_id', 'not a keyed hash', length(graduate_id)
    from written_dim_graduate
    where not regexp_full_match(graduate_id, '[0-9a-f]{32}')
)

select column_name, kind, value_length
from found
