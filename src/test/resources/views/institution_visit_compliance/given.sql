-- Four institutions of Henan (41), the campaign 2022-sprint (cohort 2022), visits on 2022-05-20.
--   4141010001 newly built undergraduate: party secretary and president visit exactly 100 distinct employers
--              (one of them twice, one more by a department head, one more outside the window); the leadership
--              opens 99 + 1 = 100 new partners. Placement 1 of 2 = 0.5, below Henan's 6 of 8 = 0.75.
--   4141010002 vocational: 99 distinct employers visited by its leaders. Placement 2 of 2.
--   4141010003 undergraduate founded 1950: no visit target. Placement 3 of 4 = 0.75, equal to Henan's.
--   4141010004 inferred (no master record): no target applies; no graduates.
insert into dim_institution by name
select * from (values
    ('4141010001', '新建本科学院', '41', 'undergraduate', true, false),
    ('4141010002', '职业技术学院', '41', 'vocational', false, false),
    ('4141010003', '老牌大学', '41', 'undergraduate', false, false),
    ('4141010004', null, '41', null, false, true)
) as t(institution_code, name, province_code, level, newly_built, is_inferred);

insert into fact_enterprise_visit by name
select '4141010001' as institution_code, '41' as province_code, date '2022-05-20' as visit_date,
       case when i % 2 = 0 then 'party_secretary' else 'president' end as visitor_role,
       'E' || lpad(i::varchar, 3, '0') as enterprise_uscc, i <= 99 as new_partner, 1 as posts_opened
from range(1, 101) as r(i)
union all select '4141010001', '41', date '2022-05-21', 'president', 'E001', false, 1
union all select '4141010001', '41', date '2022-05-21', 'department', 'E900', true, 1
union all select '4141010001', '41', date '2022-08-16', 'president', 'E901', true, 1
union all select '4141010001', '41', date '2022-05-22', 'leadership', 'E902', true, 1
union all
select '4141010002', '41', date '2022-05-20', 'president', 'E' || lpad(i::varchar, 3, '0'), false, 1
from range(1, 100) as r(i);

insert into dim_graduate by name
select * from (values
    ('g01', '4141010001', 2022, 'unplaced'), ('g02', '4141010001', 2022, 'employed'),
    ('g03', '4141010002', 2022, 'employed'), ('g04', '4141010002', 2022, 'further_study'),
    ('g05', '4141010003', 2022, 'employed'), ('g06', '4141010003', 2022, 'employed'),
    ('g07', '4141010003', 2022, 'flexible'), ('g08', '4141010003', 2022, 'unplaced'),
    ('g09', '4141010003', 2023, 'unplaced')
) as t(graduate_id, institution_code, cohort, destination);
update dim_graduate set is_current = true, is_inferred = false, in_difficulty = false;
