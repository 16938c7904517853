-- The 2022 promotion week (05-09..05-15): an online, a hybrid and an offline fair; visits making 2 distinct
-- new partners out of 3 new-partner visits; an SME post with a policy program and a large employer's post;
-- two graduates in difficulty of cohort 2022, one pushed 3 distinct posts. Everything on 2022-05-16 or later
-- counts for the sprint only.
insert into dim_enterprise by name
select * from (values (1, 'U1', true, true), (2, 'U2', false, true)) as t(enterprise_durable_key, uscc, is_sme, is_current);

insert into fact_fair by name
select * from (values
    (date '2022-05-10', 'online', true, 10, 100, 50),
    (date '2022-05-10', 'hybrid', true, 5, 40, 20),
    (date '2022-05-11', 'offline', false, 1, 2, 3),
    (date '2022-05-20', 'offline', false, 7, 7, 7)
) as t(start_date, channel, is_online, employers, posts, attendees);

insert into fact_enterprise_visit by name
select * from (values
    ('4141010001', 'U1', true, 3, date '2022-05-10'),
    ('4141010001', 'U1', true, 2, date '2022-05-11'),
    ('4141010001', 'U2', true, 0, date '2022-05-11'),
    ('4141010002', 'U2', false, 1, date '2022-05-12')
) as t(institution_code, enterprise_uscc, new_partner, posts_opened, visit_date);

insert into fact_post by name
select * from (values
    (date '2022-05-10', 1, 'tegang', 3), (date '2022-05-10', 2, 'none', 2), (date '2022-05-20', 1, 'none', 9)
) as t(published_date, enterprise_durable_key, policy_program, headcount);

insert into dim_graduate by name
select * from (values ('d1', true), ('d2', true), ('n1', false)) as t(graduate_id, in_difficulty);
update dim_graduate set cohort = 2022, is_current = true, is_inferred = false, institution_code = '4141010001';

-- as in a load, each fact names its graduate's durable key: computed from the id
insert into fact_graduate_service by name
select md5_number_lower(graduate_id) >> 1 as graduate_durable_key, * exclude (graduate_id)
from (values ('d1', 'P1'), ('d1', 'P2'), ('d1', 'P3'), ('d2', 'P1'), ('n1', null)) as t(graduate_id, post_origin_id);
update fact_graduate_service set service_date = date '2022-05-10', post_origin_platform = 'PROV-41',
    service_type = case when post_origin_id is null then 'guidance' else 'post_push' end;
-- and the graduates' members carry those keys
update dim_graduate set graduate_durable_key = md5_number_lower(graduate_id) >> 1;
