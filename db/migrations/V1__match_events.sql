-- Pahlawan Pangan: the job's output in PostGIS. One row per output event of the matching
-- contract (MATCHING.md section 5), written exactly once: the primary key holds the event's
-- deterministic id, and the job inserts with ON CONFLICT DO NOTHING.

create extension if not exists postgis;

-- Every output event, append-only, partitioned by month on the decision's event time.
create table match_events (
    event_id     text        not null,
    type         text        not null,
    offer_id     text,
    ngo_id       text,
    at           timestamptz not null,
    reason       text,
    attempt      integer,
    tier         smallint,
    distance_km  double precision,
    hold_until   timestamptz,
    picked_kg    double precision,
    quantity_kg  double precision,
    category     text,
    location     geography(Point, 4326),
    trace_id     text,
    -- the event's place in its offer's decision order among events of equal time
    cause_rank   smallint    not null default 0,
    cause_seq    bigint      not null default 0,
    cause_index  integer     not null default 0,
    event        jsonb       not null,
    written_at   timestamptz not null default now(),
    -- the partition key must be part of the primary key; at is a function of event_id anyway
    primary key (event_id, at)
) partition by range (at);

create index match_events_location on match_events using gist (location);
create index match_events_offer on match_events (offer_id, at);
create index match_events_type_at on match_events (type, at);

-- Rows whose month has no partition yet land here instead of failing the job; maintenance
-- moves them into their month's partition when it creates it.
create table match_events_default partition of match_events default;

-- The partition of the month containing `month`, created if missing (rows of that month
-- waiting in the default partition are moved into it). Returns its name.
create or replace function pangan_ensure_month_partition(month timestamptz)
returns text language plpgsql as $$
declare
    lo   timestamptz := date_trunc('month', month at time zone 'UTC') at time zone 'UTC';
    hi   timestamptz := lo + interval '1 month';
    name text := format('match_events_y%sm%s', to_char(lo at time zone 'UTC', 'YYYY'), to_char(lo at time zone 'UTC', 'MM'));
begin
    if to_regclass(name) is not null then
        return name;
    end if;
    execute format('create table %I (like match_events including defaults including constraints)', name);
    execute format('insert into %I select * from match_events_default where at >= %L and at < %L', name, lo, hi);
    execute format('delete from match_events_default where at >= %L and at < %L', lo, hi);
    execute format('alter table match_events attach partition %I for values from (%L) to (%L)', name, lo, hi);
    return name;
end $$;

-- Partitions for the current month and the next `months_ahead` ones. Run by the job when its
-- PostGIS sink starts, and by `bin/pangan db maintain` (for example daily).
create or replace function pangan_ensure_partitions(months_ahead integer default 3, reference timestamptz default now())
returns setof text language plpgsql as $$
declare
    m integer;
begin
    for m in 0 .. months_ahead loop
        return next pangan_ensure_month_partition(reference + make_interval(months => m));
    end loop;
end $$;

-- Detaches monthly partitions that ended more than `keep_months` months before `reference`;
-- the detached tables stay, for archiving or dropping. Returns their names.
create or replace function pangan_detach_partitions(keep_months integer, reference timestamptz default now())
returns setof text language plpgsql as $$
declare
    part record;
    cutoff timestamptz := (date_trunc('month', reference at time zone 'UTC') at time zone 'UTC') - make_interval(months => keep_months);
begin
    for part in
        select c.relname as name,
               (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \(''([^'']+)''\)'))[1]::timestamptz as upper_bound
        from pg_inherits i
        join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'match_events'::regclass and c.relname <> 'match_events_default'
    loop
        if part.upper_bound <= cutoff then
            execute format('alter table match_events detach partition %I', part.name);
            return next part.name;
        end if;
    end loop;
end $$;

select pangan_ensure_partitions(3);

-- Rejected input: the dead-letter table, one row per input.rejected event.
create table rejected_input (
    event_id    text        primary key,
    reason      text        not null,
    offer_id    text,
    payload     text,
    received_at timestamptz not null,
    written_at  timestamptz not null default now()
);
create index rejected_input_reason on rejected_input (reason, received_at);

-- The latest availability snapshot of each NGO, with its service disks.
create table ngo_availability (
    ngo_id           text        primary key,
    location         geography(Point, 4326) not null,
    radius_km        double precision not null,
    service_area     geography(Polygon, 4326) not null,
    capacity_kg      double precision not null,
    accepts          text[]      not null,
    halal_only       boolean     not null,
    vegetarian_only  boolean     not null,
    has_cold_chain   boolean     not null,
    active           boolean     not null,
    event_time       timestamptz not null,
    written_at       timestamptz not null default now()
);
create index ngo_availability_location on ngo_availability using gist (location);
create index ngo_availability_service_area on ngo_availability using gist (service_area);
