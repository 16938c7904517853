-- assert_no_personal_data: graduate identifiers are pseudonyms, never identity numbers.
-- Returns one row per graduate_id that is not a 32-hex-digit keyed hash.
select 'dim_graduate.graduate_id' as column_name, graduate_id as value
from dim_graduate
where not regexp_full_match(graduate_id, '[0-9a-f]{32}')
