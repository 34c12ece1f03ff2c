-- Current state of offers, and the views the mission dashboard reads.

-- The cities offers are counted under (the nearest within 60 km, else 'other'), with their
-- UTC offset, so that days are local days.
create table cities (
    name             text primary key,
    location         geography(Point, 4326) not null,
    utc_offset_hours integer not null
);
insert into cities (name, location, utc_offset_hours)
select name, st_setsrid(st_makepoint(lon, lat), 4326)::geography, utc_offset
from (values
    ('jakarta', -6.2088, 106.8456, 7), ('surabaya', -7.2575, 112.7521, 7), ('bekasi', -6.2383, 106.9756, 7),
    ('bandung', -6.9175, 107.6191, 7), ('medan', 3.5952, 98.6722, 7), ('depok', -6.4025, 106.7942, 7),
    ('tangerang', -6.1783, 106.6319, 7), ('palembang', -2.9761, 104.7754, 7), ('semarang', -6.9667, 110.4167, 7),
    ('makassar', -5.1477, 119.4327, 8), ('tangerang-selatan', -6.2886, 106.7179, 7), ('batam', 1.0456, 104.0305, 7),
    ('bandar-lampung', -5.4500, 105.2667, 7), ('bogor', -6.5971, 106.8060, 7), ('pekanbaru', 0.5071, 101.4478, 7),
    ('padang', -0.9471, 100.4172, 7), ('malang', -7.9666, 112.6326, 7), ('samarinda', -0.5022, 117.1536, 8),
    ('denpasar', -8.6705, 115.2126, 8), ('balikpapan', -1.2379, 116.8529, 8), ('pontianak', -0.0263, 109.3425, 7),
    ('banjarmasin', -3.3186, 114.5944, 8), ('manado', 1.4748, 124.8421, 8), ('yogyakarta', -7.7956, 110.3695, 7),
    ('jayapura', -2.5337, 140.7181, 9)
) as c(name, lat, lon, utc_offset);

-- One row per offer the job has decided on: where, what, and where it stands now.
create view offers as
with decisions as (
    select * from match_events
    where offer_id is not null and type not in ('claim.rejected', 'input.rejected')
),
posted as (
    -- every offer's first decision (a proposal or an escalation) is made when it is posted
    select distinct on (offer_id) offer_id, at as posted_at, location, quantity_kg, category
    from decisions
    order by offer_id, at, cause_rank, cause_seq, cause_index
),
latest as (
    -- escalations notify; they do not change where an offer stands
    select distinct on (offer_id) offer_id, type, at, ngo_id
    from decisions
    where type <> 'offer.escalated'
    order by offer_id, at desc, cause_rank desc, cause_seq desc, cause_index desc
),
escalation as (
    select distinct on (offer_id) offer_id, reason, at
    from decisions
    where type = 'offer.escalated'
    order by offer_id, at
),
completion as (
    select offer_id, picked_kg from decisions where type = 'offer.completed'
)
select p.offer_id,
       p.posted_at,
       p.location,
       p.quantity_kg,
       p.category,
       case l.type
           when 'offer.proposed' then 'HELD'
           when 'offer.claimed' then 'CLAIMED'
           when 'offer.completed' then 'COMPLETED'
           when 'offer.expired' then 'EXPIRED'
           when 'offer.pickup_missed' then 'PICKUP_MISSED'
           when 'offer.cancelled' then 'CANCELLED'
           else 'OPEN'
       end as status,
       l.ngo_id,
       coalesce(l.at, p.posted_at) as status_since,
       e.reason as escalation_reason,
       e.at as escalated_at,
       c.picked_kg
from posted p
left join latest l using (offer_id)
left join escalation e using (offer_id)
left join completion c using (offer_id);

-- Each offer with its city and local day.
create view offer_places as
select o.*,
       coalesce(c.name, 'other') as city,
       ((o.posted_at at time zone 'UTC') + make_interval(hours => coalesce(c.utc_offset_hours, 7)))::date as day
from offers o
left join lateral (
    select name, utc_offset_hours from cities
    where st_dwithin(cities.location, o.location, 60000)
    order by cities.location <-> o.location
    limit 1
) c on true;

-- Outcomes per city and local day.
create view dashboard_outcomes_daily as
select o.city,
       o.day,
       count(*) as offers,
       count(*) filter (where o.status = 'COMPLETED') as completed,
       count(*) filter (where o.status = 'EXPIRED') as expired,
       count(*) filter (where o.status = 'PICKUP_MISSED') as pickups_missed,
       count(*) filter (where o.status = 'CANCELLED') as cancelled,
       count(*) filter (where o.status in ('OPEN', 'HELD', 'CLAIMED')) as in_progress,
       count(*) filter (where o.escalation_reason is not null) as escalated,
       round(coalesce(sum(o.picked_kg), 0)::numeric, 1) as kg_rescued,
       round(count(*) filter (where o.status = 'COMPLETED')::numeric / count(*), 3) as completion_rate,
       round(count(*) filter (where o.status = 'EXPIRED')::numeric / count(*), 3) as expiry_rate,
       round(count(*) filter (where o.escalation_reason is not null)::numeric / count(*), 3) as escalation_rate
from offer_places o
group by o.city, o.day;

-- Escalations per city, day and reason.
create view dashboard_escalations_daily as
select o.city, o.day, o.escalation_reason as reason, count(*) as escalations
from offer_places o
where o.escalation_reason is not null
group by o.city, o.day, o.escalation_reason;

-- How long offers wait: from posting to the first proposal, and to the claim.
create view dashboard_time_to_claim as
with firsts as (
    select offer_id,
           min(at) filter (where type = 'offer.proposed') as first_proposed_at,
           min(at) filter (where type = 'offer.claimed') as claimed_at
    from match_events
    where offer_id is not null
    group by offer_id
)
select o.city,
       o.day,
       count(f.first_proposed_at) as proposed,
       count(f.claimed_at) as claimed,
       round(count(f.claimed_at)::numeric / nullif(count(*), 0), 3) as claim_rate,
       percentile_cont(0.5) within group (order by extract(epoch from f.first_proposed_at - o.posted_at)) as first_proposal_p50_s,
       percentile_cont(0.95) within group (order by extract(epoch from f.first_proposed_at - o.posted_at)) as first_proposal_p95_s,
       percentile_cont(0.5) within group (order by extract(epoch from f.claimed_at - o.posted_at)) as claim_p50_s,
       percentile_cont(0.95) within group (order by extract(epoch from f.claimed_at - o.posted_at)) as claim_p95_s
from offer_places o
join firsts f using (offer_id)
group by o.city, o.day;

-- Food rescued over time (hourly), for the mission dashboard's time series.
create view dashboard_kg_rescued_hourly as
select date_trunc('hour', at) as hour, count(*) as pickups, round(sum(picked_kg)::numeric, 1) as kg_rescued
from match_events
where type = 'offer.completed'
group by 1;

-- The NGOs that rescue most.
create view dashboard_top_ngos as
select ngo_id,
       count(*) filter (where type = 'offer.completed') as completed,
       count(*) filter (where type = 'offer.claimed') as claimed,
       count(*) filter (where type = 'offer.proposed') as proposed,
       round(coalesce(sum(picked_kg) filter (where type = 'offer.completed'), 0)::numeric, 1) as kg_rescued
from match_events
where ngo_id is not null and type in ('offer.completed', 'offer.claimed', 'offer.proposed')
group by ngo_id;

-- Rejected input per day and reason (the dead-letter table).
create view dashboard_rejections_daily as
select (received_at at time zone 'UTC')::date as day, reason, count(*) as rejected
from rejected_input
group by 1, 2;
