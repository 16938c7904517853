-- Institution 4141010001 has five graduates in difficulty (cohort 2022), 4142010001 one, 4143010001 one
-- graduate not in difficulty. Pushes are dated 2022-05-10 (inside both 2022 windows) unless noted:
--   d1 three distinct posts (met); d2 two distinct posts, one pushed twice (not met); d3 two posts plus one
--   pushed after the sprint (not met); d4 none; d5 four posts, one of them by another institution (met);
--   d6 at the second institution, three posts (met); n1 not in difficulty, three posts (not counted).
insert into dim_institution by name
select * from (values ('4141010001', '41'), ('4142010001', '42'), ('4143010001', '43'))
    as t(institution_code, province_code);

insert into dim_graduate by name
select * from (values
    ('d1', '4141010001', true), ('d2', '4141010001', true), ('d3', '4141010001', true),
    ('d4', '4141010001', true), ('d5', '4141010001', true), ('d6', '4142010001', true),
    ('n1', '4143010001', false)
) as t(graduate_id, institution_code, in_difficulty);
update dim_graduate set cohort = 2022, is_current = true, is_inferred = false, destination = 'unplaced';

-- as in a load, each fact names its graduate's durable key: computed from the id
insert into fact_graduate_service by name
select md5_number_lower(graduate_id) >> 1 as graduate_durable_key, * exclude (graduate_id)
from (values
    ('d1', 'PROV-41', 'P1'), ('d1', 'PROV-41', 'P2'), ('d1', 'NATL-24365', 'P1'),
    ('d2', 'PROV-41', 'P1'), ('d2', 'PROV-41', 'P1'), ('d2', 'PROV-41', 'P2'),
    ('d3', 'PROV-41', 'P1'), ('d3', 'PROV-41', 'P2'),
    ('d5', 'PROV-41', 'P1'), ('d5', 'PROV-41', 'P2'), ('d5', 'PROV-41', 'P3'), ('d5', 'PROV-11', 'P4'),
    ('d6', 'PROV-42', 'P1'), ('d6', 'PROV-42', 'P2'), ('d6', 'PROV-42', 'P3'),
    ('n1', 'PROV-43', 'P1'), ('n1', 'PROV-43', 'P2'), ('n1', 'PROV-43', 'P3')
) as t(graduate_id, post_origin_platform, post_origin_id);
update fact_graduate_service set service_type = 'post_push', service_date = date '2022-05-10';
insert into fact_graduate_service by name
select md5_number_lower(graduate_id) >> 1 as graduate_durable_key, * exclude (graduate_id)
from (
    select 'd3' as graduate_id, 'PROV-41' as post_origin_platform, 'P3' as post_origin_id,
           'post_push' as service_type, date '2022-08-16' as service_date
    union all
    select 'd4', null, null, 'guidance', date '2022-05-10'
);
-- and the graduates' members carry those keys
update dim_graduate set graduate_durable_key = md5_number_lower(graduate_id) >> 1;
