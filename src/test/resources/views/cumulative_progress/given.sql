-- Loaded through 2022-05-12: the 2022 windows run up to that day, the 2023 sprint has not started.
-- A fair on 05-10, posts on 05-09 and 05-11, a visit opening 5 posts on 05-10, graduate g1 served on 05-09 and
-- 05-11, g2 on 05-11; a post on 05-13 lies beyond the as-of date.
update warehouse_state set as_of_date = date '2022-05-12';

insert into fact_fair by name select date '2022-05-10' as start_date;
insert into fact_post by name
select * from (values (date '2022-05-09'), (date '2022-05-11'), (date '2022-05-13')) as t(published_date);
insert into fact_enterprise_visit by name select date '2022-05-10' as visit_date, 5 as posts_opened;
-- as in a load, each fact names its graduate's durable key: computed from the id
insert into fact_graduate_service by name
select md5_number_lower(graduate_id) >> 1 as graduate_durable_key, * exclude (graduate_id)
from (values ('g1', date '2022-05-09'), ('g1', date '2022-05-11'), ('g2', date '2022-05-11'))
    as t(graduate_id, service_date);
