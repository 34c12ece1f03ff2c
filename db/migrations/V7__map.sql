-- What the mission dashboard's map shows: where food is waiting now, which of it was escalated
-- to a dispatcher, and the NGOs that can reach it. Points as latitude and longitude columns,
-- which Grafana's Geomap reads.

-- Offers not closed yet: open, held or claimed, with how long they have waited.
create view dashboard_map_offers as
select o.offer_id,
       o.status,
       o.escalation_reason is not null as escalated,
       o.escalation_reason,
       o.category,
       o.quantity_kg,
       o.ngo_id,
       o.posted_at,
       st_y(o.location::geometry) as latitude,
       st_x(o.location::geometry) as longitude
from offers o
where o.status in ('OPEN', 'HELD', 'CLAIMED')
  and o.location is not null;

-- Active NGOs with where they serve: their point, radius, and the tier-1 disk as GeoJSON.
create view dashboard_map_ngos as
select n.ngo_id,
       n.radius_km,
       n.capacity_kg,
       array_to_string(n.accepts, ', ') as accepts,
       n.has_cold_chain,
       st_y(n.location::geometry) as latitude,
       st_x(n.location::geometry) as longitude,
       st_asgeojson(n.service_area)::jsonb as service_area,
       n.event_time as snapshot_at
from ngo_availability n
where n.active;

alter view dashboard_map_offers owner to pangan_owner;
alter view dashboard_map_ngos owner to pangan_owner;
grant select on dashboard_map_offers, dashboard_map_ngos to pangan_dashboard;
