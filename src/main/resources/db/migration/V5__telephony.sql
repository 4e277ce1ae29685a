-- Telephony: calls seen on the desks' lines, the call-back queue, and the attempts to call back.
--
-- Several gateway nodes may listen to the same Asterisk and write to this one database. Each call is
-- recorded exactly once because linkedid is UNIQUE and rows go in with INSERT ... ON CONFLICT DO NOTHING:
-- the node whose insert lost does nothing further with the call. Voicemails are unique per desk and
-- msg_id, and a number has at most one open call-back per desk, by the indexes below.

-- The operator's phone extension, rung first when they call a parent back.
ALTER TABLE operator ADD COLUMN extension text;
CREATE UNIQUE INDEX operator_extension_key ON operator (extension) WHERE extension IS NOT NULL;

CREATE TABLE call (
    id                 bigserial PRIMARY KEY,
    -- Asterisk's Linkedid: the uniqueid of the call's first channel, shared by all its channels.
    linkedid           text        NOT NULL UNIQUE,
    -- null when no rule mapped the call to a desk (logged); such calls produce no call-back
    desk_id            text,
    outcome            text        NOT NULL CHECK (outcome IN ('ANSWERED', 'ABANDONED', 'VOICEMAIL', 'CLOSED')),
    line               text,
    queue              text,
    -- E.164, e.g. +73452390679; null when the caller ID was withheld or not a callable number
    caller_number      text,
    caller_number_raw  text,
    caller_name        text,
    started_at         timestamptz NOT NULL,
    ended_at           timestamptz NOT NULL,
    wait_seconds       int,
    talk_seconds       int,
    operator_interface text,
    operator_name      text,
    -- the operator whose extension answered (ANSWERED): the call is that operator's request draft
    operator_username  text REFERENCES operator (username) ON DELETE SET NULL,
    voicemail_msg_id   text,
    -- the request the operator registered from this call
    request_id         bigint REFERENCES request (id) ON DELETE SET NULL,
    created_at         timestamptz NOT NULL
);
-- Drafts: answered calls not registered yet, per operator.
CREATE INDEX call_draft_idx ON call (operator_username, started_at DESC)
    WHERE outcome = 'ANSWERED' AND request_id IS NULL;
CREATE INDEX call_desk_started_idx ON call (desk_id, started_at DESC);

-- The call-back queue (обратные звонки).
CREATE TABLE callback (
    id               bigserial PRIMARY KEY,
    desk_id          text        NOT NULL,
    caller_number    text,
    caller_name      text,
    reason           text        NOT NULL CHECK (reason IN ('VOICEMAIL', 'ABANDONED')),
    created_at       timestamptz NOT NULL,
    -- the desk's next working opening after the call; moved on after an unsuccessful attempt
    due_at           timestamptz NOT NULL,
    status           text        NOT NULL DEFAULT 'OPEN'
        CHECK (status IN ('OPEN', 'IN_PROGRESS', 'DONE', 'GAVE_UP')),
    taken_by         text REFERENCES operator (username) ON DELETE SET NULL,
    taken_at         timestamptz,
    -- attempts with an outcome reported by the operator
    attempts         int         NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- further calls from the same number while this entry was open (details in callback_repeat)
    repeat_count     int         NOT NULL DEFAULT 0 CHECK (repeat_count >= 0),
    voicemail_msg_id text,
    voicemail_at     timestamptz,
    duration_seconds int,
    recording        bytea,
    recording_type   text,
    call_id          bigint REFERENCES call (id) ON DELETE SET NULL,
    request_id       bigint REFERENCES request (id) ON DELETE SET NULL,
    -- the caller was told by email that we could not reach them
    notified_email   text,
    closed_at        timestamptz,
    updated_at       timestamptz NOT NULL,
    UNIQUE (desk_id, voicemail_msg_id)
);
-- A number has one open entry per desk: a second call while it is open is a repeat, not a new entry.
CREATE UNIQUE INDEX callback_open_number_key ON callback (desk_id, caller_number)
    WHERE status IN ('OPEN', 'IN_PROGRESS') AND caller_number IS NOT NULL;
CREATE INDEX callback_queue_idx ON callback (desk_id, due_at, created_at) WHERE status IN ('OPEN', 'IN_PROGRESS');

-- A caller rang again while their call-back was open: kept as a note, with the new voicemail if any.
CREATE TABLE callback_repeat (
    id               bigserial PRIMARY KEY,
    callback_id      bigint      NOT NULL REFERENCES callback (id) ON DELETE CASCADE,
    desk_id          text        NOT NULL,
    at               timestamptz NOT NULL,
    outcome          text        NOT NULL CHECK (outcome IN ('ABANDONED', 'VOICEMAIL', 'CLOSED')),
    call_id          bigint REFERENCES call (id) ON DELETE SET NULL,
    voicemail_msg_id text,
    duration_seconds int,
    recording        bytea,
    recording_type   text,
    note             text        NOT NULL,
    UNIQUE (desk_id, voicemail_msg_id)
);
CREATE INDEX callback_repeat_callback_idx ON callback_repeat (callback_id, at);

CREATE TABLE callback_attempt (
    id                        bigserial PRIMARY KEY,
    callback_id               bigint      NOT NULL REFERENCES callback (id) ON DELETE CASCADE,
    operator_username         text        NOT NULL,
    operator_extension        text,
    started_at                timestamptz NOT NULL,
    -- what Asterisk said about the Originate (null for a call the operator placed by hand)
    action_id                 text,
    operator_leg              text CHECK (operator_leg IN ('ANSWERED', 'NO_ANSWER', 'FAILED')),
    originate_reason          int,
    customer_dial_status      text,
    customer_answered_seconds int,
    dial_detail               text,
    dial_finished_at          timestamptz,
    -- what the operator reported
    outcome                   text CHECK (outcome IN ('REACHED', 'NO_ANSWER', 'BUSY', 'WRONG_NUMBER', 'FAILED')),
    outcome_at                timestamptz,
    note                      text
);
CREATE INDEX callback_attempt_callback_idx ON callback_attempt (callback_id, started_at, id);
