-- assert_no_personal_data: graduate identifiers are pseudonyms, never identity numbers.
-- Returns one row per graduate whose graduate_id is not a 32-hex-digit keyed hash: its key and the length of the
-- offending value, never the value itself (it may be an identity number, and a failing check is logged).
-- Only the rows this load wrote are read: the kept ones passed when they were written.
select 'dim_graduate.graduate_id' as column_name, graduate_key, length(graduate_id) as value_length
from written_dim_graduate
where not regexp_full_match(graduate_id, '[0-9a-f]{32}')
