-- stg_graduate_versions: the history of each graduate's difficulty groups and destination.
-- grain: one row per (graduate_id, valid_from); key: graduate_id, valid_from
-- A new version starts whenever the difficulty groups or the destination change (or the graduate is withdrawn
-- or comes back); the other attributes are those of the latest version delivered within it. last_record_date is
-- the latest business date the version's records bear: a later night continues the history from there.
-- A graduate with a single record has one version, that record: only the others are ordered (a campaign's first
-- load delivers most graduates once, and ordering every record was most of its cost).
with repeated as (
    select graduate_id
    from raw_graduates
    group by graduate_id
    having count(*) > 1
),

single_versions as (
    select
        graduate_id,
        business_date as valid_from,
        gender,
        birth_year,
        origin_province_code,
        institution_code,
        cohort,
        education_level,
        major_code,
        difficulty,
        destination,
        destination_date,
        business_date as last_record_date,
        cast(null as date) as valid_to,
        true as is_current
    from raw_graduates as r
    anti join repeated as p using (graduate_id)
    where r.op = 'U'
),

ordered as (
    select
        *,
        row_number() over (
            partition by graduate_id, business_date order by sequence desc, source_id desc
        ) as last_of_day
    from raw_graduates as r
    semi join repeated as p using (graduate_id)
),

daily as (
    select * exclude (last_of_day)
    from ordered
    where last_of_day = 1
),

changes as (
    select
        *,
        coalesce(
            (op, difficulty, destination) is distinct from lag((op, difficulty, destination))
                over (partition by graduate_id order by business_date),
            true
        ) as starts_version
    from daily
),

numbered as (
    select
        *,
        sum(case when starts_version then 1 else 0 end)
            over (partition by graduate_id order by business_date) as version_number
    from changes
),

versions as (
    select
        graduate_id,
        version_number,
        min(business_date) as valid_from,
        arg_max(op, business_date) as op,
        arg_max(gender, business_date) as gender,
        arg_max(birth_year, business_date) as birth_year,
        arg_max(origin_province_code, business_date) as origin_province_code,
        arg_max(institution_code, business_date) as institution_code,
        arg_max(cohort, business_date) as cohort,
        arg_max(education_level, business_date) as education_level,
        arg_max(major_code, business_date) as major_code,
        arg_max(difficulty, business_date) as difficulty,
        arg_max(destination, business_date) as destination,
        arg_max(destination_date, business_date) as destination_date,
        max(business_date) as last_record_date
    from numbered
    group by graduate_id, version_number
),

repeated_versions as (
    select
        * exclude (version_number, op),
        lead(valid_from) over (partition by graduate_id order by valid_from) as valid_to,
        op = 'U' and lead(valid_from) over (partition by graduate_id order by valid_from) is null as is_current
    from versions
    qualify op = 'U'
)

select * from repeated_versions
union all by name
select * from single_versions
