-- assert_one_current_member: each graduate and each enterprise has exactly one current member in its SCD2
-- dimension. Returns one row per natural key that breaks it. The keys and codes every table declares unique are
-- tested from the model files (tests: unique_key, unique); only this rule, which holds among current rows alone,
-- is written by hand. Checked on the rows this load wrote (written_*): a natural key's rows are all written or all
-- kept.
select 'dim_enterprise.current' as table_name, uscc as key_value, count(*) as occurrences
    from written_dim_enterprise where is_current group by all
    having uscc is null or count(*) > 1
union all select 'dim_graduate.current', graduate_id, count(*)
    from written_dim_graduate where is_current group by all
    having graduate_id is null or count(*) > 1
