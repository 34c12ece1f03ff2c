-- What rescued food is worth beyond its weight: meals, and greenhouse gas emissions avoided.
-- The factors are rows, so that a deployment can put its own (as pangan_owner); the defaults are
-- the job's (ImpactFactors), with their sources, and the README says why each was chosen.

-- The size of one meal, for pickups whose offer gave no portions. One row.
create table impact_meal_size (
    only_row    boolean          primary key default true check (only_row),
    kg_per_meal double precision not null check (kg_per_meal > 0),
    source      text             not null
);
insert into impact_meal_size (kg_per_meal, source) values
    (0.42, 'WRAP (2018), Courtauld 2025 redistribution working group: 420 g as the "average" meal for reporting redistributed food');

-- Kilograms of CO2e avoided per kilogram of food rescued, by the contract's categories.
create table impact_co2e (
    category       text             primary key,
    kg_co2e_per_kg double precision not null check (kg_co2e_per_kg >= 0),
    source         text             not null
);
insert into impact_co2e (category, kg_co2e_per_kg, source) values
    ('bakery', 1.57, 'Poore & Nemecek (2018), Science 360(6392):987-992, global mean: wheat & rye (bread)'),
    ('dairy', 3.15, 'Poore & Nemecek (2018), global mean: milk'),
    ('produce', 1.14, 'Poore & Nemecek (2018), global means: mean of tomatoes (2.09), bananas (0.86), potatoes (0.46)'),
    ('cooked_meal', 2.54, 'FAO (2013), Food wastage footprint: 3.3 Gt CO2e for 1.3 Gt of food lost or wasted (mixed food)'),
    ('packaged', 2.54, 'FAO (2013), Food wastage footprint: 3.3 Gt CO2e for 1.3 Gt of food lost or wasted (mixed food)'),
    ('frozen', 2.54, 'FAO (2013), Food wastage footprint: 3.3 Gt CO2e for 1.3 Gt of food lost or wasted (mixed food)');

-- Every pickup with its meals and CO2e avoided. Meals: the offer's portions when the provider gave
-- them, in proportion to the share picked up; otherwise the kilograms over the meal size.
create view offer_impact as
select e.offer_id,
       e.ngo_id,
       e.at as completed_at,
       e.category,
       e.picked_kg,
       (e.event ->> 'portions')::integer as portions,
       case
           when e.event ->> 'portions' is not null and e.quantity_kg > 0
               then (e.event ->> 'portions')::double precision * least(1.0, e.picked_kg / e.quantity_kg)
           else e.picked_kg / m.kg_per_meal
       end as meals,
       e.picked_kg * f.kg_co2e_per_kg as co2e_kg
from match_events e
cross join impact_meal_size m
left join impact_co2e f on f.category = e.category
where e.type = 'offer.completed';

-- Impact per city and local day (the day and city of the offer's posting, as in the other views).
create view dashboard_impact_daily as
select o.city,
       o.day,
       count(*) as pickups,
       round(sum(i.picked_kg)::numeric, 1) as kg_rescued,
       round(sum(i.meals)::numeric, 0) as meals,
       round(sum(i.co2e_kg)::numeric, 1) as co2e_kg
from offer_impact i
join offer_places o using (offer_id)
group by o.city, o.day;

-- Impact over time (hourly, by the pickup's time), for the mission dashboard's time series.
create view dashboard_impact_hourly as
select date_trunc('hour', completed_at) as hour,
       count(*) as pickups,
       round(sum(meals)::numeric, 0) as meals,
       round(sum(co2e_kg)::numeric, 1) as co2e_kg
from offer_impact
group by 1;

-- owned like every object (V4); Grafana reads the views and the factors behind them
alter table impact_meal_size owner to pangan_owner;
alter table impact_co2e owner to pangan_owner;
alter view offer_impact owner to pangan_owner;
alter view dashboard_impact_daily owner to pangan_owner;
alter view dashboard_impact_hourly owner to pangan_owner;
grant select on impact_meal_size, impact_co2e, offer_impact, dashboard_impact_daily, dashboard_impact_hourly to pangan_dashboard;
