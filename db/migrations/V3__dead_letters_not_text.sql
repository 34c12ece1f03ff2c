-- Contract v1.1: a dead letter keeps a payload that is not plain text (invalid UTF-8, or text with
-- NUL, which PostgreSQL's text refuses) base64-encoded, and one cut to input.max-payload-bytes
-- is marked. The payload is kept here only: match_events.event of an input.rejected no longer
-- repeats it.
alter table rejected_input
    add column payload_base64    text,
    add column payload_truncated boolean not null default false;

update match_events set event = event - 'payload' where type = 'input.rejected' and event ? 'payload';
