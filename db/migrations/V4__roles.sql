-- Least privilege (issue 8): three group roles, none of them able to log in. Login users are
-- members of one of them (`bin/pangan db --grant-login USER --role job|dashboard|owner`).
--
--   pangan_owner      owns every table, view and function of the schema: migrations after this
--                     one and partition maintenance (`bin/pangan db --maintain`) run as it (or as
--                     a superuser, then handing what they create to it).
--   pangan_job        what the job's sinks need and nothing more: INSERT ... ON CONFLICT into
--                     match_events, rejected_input and ngo_availability, and asking the owner for
--                     the coming months' partitions. No DELETE, UPDATE (but the upsert's
--                     columns), TRUNCATE, DDL, or reading what others wrote.
--   pangan_dashboard  SELECT on the dashboard views, nothing else (not the tables below them:
--                     a view reads its tables with its owner's rights).
--
-- Roles belong to the whole PostgreSQL cluster, privileges to each database: every database
-- migrated on a cluster shares the three roles, so a cluster that serves two deployments (two
-- databases) gives one deployment's job the same rights in the other's. Give each deployment its
-- own cluster when that matters.
--
-- A migration that adds a table, view or function after this one: create it as pangan_owner (or
-- `alter ... owner to pangan_owner`) and grant the roles what they need here below;
-- DatabaseRolesITCase fails on an object owned by anyone else.

-- Roles are created once per cluster; two databases migrating at the same moment may both try.
do $$
declare
    name text;
begin
    foreach name in array array['pangan_owner', 'pangan_job', 'pangan_dashboard'] loop
        if not exists (select 1 from pg_roles where rolname = name) then
            begin
                execute format('create role %I nologin', name);
            exception when duplicate_object or unique_violation then
                null; -- created meanwhile by another database's migration
            end;
        end if;
    end loop;
end $$;

-- A migration user that is not a superuser (a managed database's admin, with CREATEROLE) must be
-- a member of pangan_owner to hand objects to it, and is then able to run later migrations.
do $$
begin
    if not (select rolsuper from pg_roles where rolname = current_user) then
        execute format('grant pangan_owner to %I', current_user);
    end if;
end $$;

-- Nobody but the owner creates anything here: not in the schema (PostgreSQL 15's default for a
-- new database, but not for one created from an older template or upgraded), and no temporary
-- tables (granted to PUBLIC by default: a job that cannot create tables should not fill the
-- disk with temporary ones either).
revoke create on schema public from public;
grant usage, create on schema public to pangan_owner;
grant usage on schema public to pangan_job, pangan_dashboard;
do $$
begin
    execute format('revoke temporary on database %I from public', current_database());
end $$;

-- Every relation and function of the schema to the owner; PostGIS's own (spatial_ref_sys,
-- geometry_columns, its functions) stay the extension's. Partitions included: ALTER TABLE ...
-- OWNER does not recurse into them.
do $$
declare
    obj record;
begin
    for obj in
        select c.oid, c.relname, c.relkind
        from pg_class c
        where c.relnamespace = 'public'::regnamespace
          and c.relkind in ('r', 'p', 'v', 'm', 'S')
          and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
          and c.relname <> '${flyway:table}'
    loop
        execute format('alter %s %I owner to pangan_owner',
            case obj.relkind when 'v' then 'view' when 'm' then 'materialized view' when 'S' then 'sequence' else 'table' end,
            obj.relname);
    end loop;
    for obj in
        select p.oid::regprocedure as signature
        from pg_proc p
        where p.pronamespace = 'public'::regnamespace and p.proname like 'pangan\_%'
          and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
    loop
        execute format('alter function %s owner to pangan_owner', obj.signature);
        execute format('revoke execute on function %s from public', obj.signature);
    end loop;
end $$;

-- (Flyway's history table is handed to pangan_owner by Schema.migrate after Flyway is done: Flyway
-- holds a lock on it while this runs, so an ALTER here would wait for ever.)

-- Functions pangan_owner creates later are not executable by everyone (PostgreSQL's default).
alter default privileges for role pangan_owner revoke execute on functions from public;

-- Partitions need no grants of their own: PostgreSQL checks the privileges of the table a
-- statement names, so the job's inserts into match_events are routed into partitions, and the
-- views read them, with match_events' privileges. No default privileges for tables, then: they
-- would only let the job write into a partition (or a detached, archived one) directly.

-- The job's sinks (live/MatchEventRows.java). INSERT ... ON CONFLICT (key) needs SELECT on the
-- key's columns (to find a conflicting row); DO UPDATE needs UPDATE on the columns it sets and
-- SELECT on every column it reads, excluded.* included.
grant insert on match_events to pangan_job;
grant select (event_id, at) on match_events to pangan_job;
grant insert on rejected_input to pangan_job;
grant select (event_id) on rejected_input to pangan_job;
grant insert on ngo_availability to pangan_job;
grant select (ngo_id, location, radius_km, service_area, capacity_kg, accepts, halal_only, vegetarian_only,
              has_cold_chain, active, event_time) on ngo_availability to pangan_job;
grant update (location, radius_km, service_area, capacity_kg, accepts, halal_only, vegetarian_only,
              has_cold_chain, active, event_time, written_at) on ngo_availability to pangan_job;

-- Partitions of the coming months, for the job when it starts: it cannot create tables, so the
-- owner does it on its behalf. SECURITY DEFINER with no parameters (the job cannot ask for a
-- thousand months, or for months in the past) and a fixed search_path (public, then pg_temp
-- last: nobody else can create objects in public, so no name in it can be planted). It is
-- idempotent; `bin/pangan db --maintain` does the same with its own horizon and also detaches
-- old partitions and deletes old dead letters. Chosen over "the job checks and refuses to start"
-- because a JobManager that restarts (HA failover, an upgrade) in a month whose maintenance did
-- not run would otherwise stay down, while this gives the job only the one idempotent action.
create function pangan_prepare_partitions()
returns setof text language sql security definer set search_path = public, pg_temp as $$
    select pangan_ensure_partitions(3, now())
$$;
alter function pangan_prepare_partitions() owner to pangan_owner;
revoke execute on function pangan_prepare_partitions() from public;
grant execute on function pangan_prepare_partitions() to pangan_job;

-- The mission dashboard (observability/grafana/pangan-mission.json) reads these views only.
grant select on offers, offer_places, dashboard_outcomes_daily, dashboard_escalations_daily, dashboard_time_to_claim,
    dashboard_kg_rescued_hourly, dashboard_top_ngos, dashboard_rejections_daily to pangan_dashboard;

-- Dead letters are kept for a retention (`bin/pangan db --maintain --dead-letter-retention`),
-- deleted by their received time.
create index rejected_input_received_at on rejected_input (received_at);
