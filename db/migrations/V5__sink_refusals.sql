-- Records PostgreSQL refused for their content (SQLSTATE class 22 or 23): the sink writes the
-- others and dead-letters these here instead of failing the job over to replay them for ever.
-- The key names the record (an event id); its content is what was refused, so it is not kept.
create table sink_refusals (
    id          bigint generated always as identity primary key,
    sink        text        not null,
    record_key  text        not null,
    sqlstate    text        not null,
    error       text        not null,
    refused_at  timestamptz not null default now()
);
create index sink_refusals_refused_at on sink_refusals (refused_at);

-- owned like every table (V4); the job may only add refusals, and read nothing back
alter table sink_refusals owner to pangan_owner;
grant insert on sink_refusals to pangan_job;
