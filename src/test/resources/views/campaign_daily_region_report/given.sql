-- On 2022-05-10: two fairs in Zhengzhou (4101), a visit by a Henan institution, a post in Beijing's Chaoyang
-- (110105). On 2022-05-11: three services by a Henan institution to two graduates. Nothing else happens.
insert into fact_fair by name
select * from (values (date '2022-05-10', '4101', '41', 30), (date '2022-05-10', '4101', '41', 20))
    as t(start_date, region_code, province_code, attendees);

insert into fact_enterprise_visit by name
select date '2022-05-10' as visit_date, '4141010001' as institution_code, '41' as province_code,
       5 as posts_opened;

insert into fact_post by name
select date '2022-05-10' as published_date, '110105' as work_region_code, '11' as province_code;

-- as in a load, each fact names its graduate's durable key: computed from the id
insert into fact_graduate_service by name
select md5_number_lower(graduate_id) >> 1 as graduate_durable_key, * exclude (graduate_id)
from (values ('g1', 'S1'), ('g1', 'S2'), ('g2', 'S3')) as t(graduate_id, service_id);
update fact_graduate_service set service_date = date '2022-05-11', province_code = '41',
    institution_code = '4141010001', service_type = 'guidance';
