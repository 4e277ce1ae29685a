-- The journal (Form No. 1 "Журнал специалиста"): registered requests, their numbers and history.

-- Trigram indexes let the operators' free-text search use an index for '%words%' (trusted since PG 13).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Last number issued per desk and year. Registration bumps it with INSERT ... ON CONFLICT DO UPDATE
-- in the same transaction as the request insert: the row lock serialises concurrent registrations
-- of one desk until commit, so a number is never issued twice, and a rolled-back registration rolls
-- its number back too (unlike a PostgreSQL sequence), so numbers stay consecutive.
CREATE TABLE request_number_seq (
    desk_id text   NOT NULL,
    year    int    NOT NULL,
    last_no bigint NOT NULL CHECK (last_no > 0),
    PRIMARY KEY (desk_id, year)
);

CREATE TABLE request (
    id              bigserial PRIMARY KEY,
    -- <DESK>-<YYYY>-<NNNNNN>, e.g. SC-2026-000042; shown to applicants and in every mail subject.
    number          text        NOT NULL UNIQUE,
    desk_id         text        NOT NULL,
    seq_year        int         NOT NULL,
    seq_no          bigint      NOT NULL,
    channel         text        NOT NULL
        CHECK (channel IN ('EMAIL', 'PHONE', 'MISSED_CALL', 'VOICEMAIL', 'WEB', 'FEEDBACK')),
    -- Every request starts as SUPPORT (the regulation's ordinary consultation); the operator
    -- reclassifies it as ERROR or IMPROVEMENT when it turns out to be one.
    type            text        NOT NULL DEFAULT 'SUPPORT'
        CHECK (type IN ('SUPPORT', 'ERROR', 'IMPROVEMENT')),
    status          text        NOT NULL DEFAULT 'IN_PROGRESS'
        CHECK (status IN ('IN_PROGRESS', 'PASSED_TO_DEVELOPER', 'AWAITING_FEEDBACK', 'RESOLVED', 'CLOSED')),
    subject         text        NOT NULL DEFAULT '',
    description     text        NOT NULL DEFAULT '',
    organisation    text,
    person          text,
    additional_info text,
    note            text,
    contact_email   text,
    contact_phone   text,
    received_at     timestamptz NOT NULL,
    registered_at   timestamptz NOT NULL,
    due_at          timestamptz,
    -- Form No. 1 "Дата решения запроса": set exactly while the request is resolved or closed.
    resolved_at     timestamptz,
    repeat_count    int         NOT NULL DEFAULT 0 CHECK (repeat_count >= 0),
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    -- One lower-cased haystack for the operators' search box; the phone also appears as bare
    -- digits so '+7 (912) 345' and '7912345' both find it.
    search_text     text GENERATED ALWAYS AS (lower(
        number || ' ' || subject || ' ' || description || ' ' ||
        coalesce(contact_email, '') || ' ' || coalesce(contact_phone, '') || ' ' ||
        coalesce(regexp_replace(contact_phone, '\D', '', 'g'), '') || ' ' ||
        coalesce(organisation, '') || ' ' || coalesce(person, ''))) STORED,
    UNIQUE (desk_id, seq_year, seq_no),
    CHECK ((status IN ('RESOLVED', 'CLOSED')) = (resolved_at IS NOT NULL))
);

-- The list: one desk (or all, for the administrator), newest registered first.
CREATE INDEX request_desk_registered_idx ON request (desk_id, registered_at DESC, id DESC);
CREATE INDEX request_registered_idx ON request (registered_at DESC, id DESC);
CREATE INDEX request_status_idx ON request (status, desk_id);
CREATE INDEX request_search_trgm_idx ON request USING gin (search_text gin_trgm_ops);
-- Open requests by deadline, for escalation.
CREATE INDEX request_open_due_idx ON request (due_at) WHERE status NOT IN ('RESOLVED', 'CLOSED');
-- Finding an applicant's earlier requests by sender address.
CREATE INDEX request_contact_email_idx ON request (lower(contact_email));

-- History: who did what and when. Kinds are open-ended text (other packages add REPLY_SENT,
-- ESCALATED, ...) so a new kind needs no migration; the Java enum EventKind lists them.
CREATE TABLE request_event (
    id          bigserial PRIMARY KEY,
    request_id  bigint      NOT NULL REFERENCES request (id) ON DELETE CASCADE,
    at          timestamptz NOT NULL,
    -- An operator's username, or 'system' / 'email' / 'phone' for the gateway itself.
    actor       text        NOT NULL,
    kind        text        NOT NULL,
    from_status text,
    to_status   text,
    note        text,
    details     jsonb
);

CREATE INDEX request_event_request_idx ON request_event (request_id, at, id);
