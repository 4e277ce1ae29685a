-- Email intake: every mail picked up from a desk's mailbox, kept as received (raw bytes) before
-- anything else happens to it. The mailbox copy is flagged \Seen only after this row is committed.
CREATE TABLE inbound_message (
    id              bigserial PRIMARY KEY,
    desk_id         text        NOT NULL,
    -- 'mid:<Message-ID>' or, for mail without one, 'sha256:<hash of the raw bytes>'
    dedup_key       text        NOT NULL,
    raw             bytea       NOT NULL,
    -- size of the message in the mailbox; raw may hold less when the mail was over the desk's max-size
    size            bigint      NOT NULL,
    received_at     timestamptz NOT NULL,
    state           text        NOT NULL DEFAULT 'RECEIVED'
        CHECK (state IN ('RECEIVED', 'REGISTERED', 'DEFERRED', 'THREADED', 'QUARANTINED', 'IGNORED')),
    -- why it is quarantined, why no acknowledgement went out, or the last processing error
    reason          text,
    -- from the header section, for people looking at the quarantine (may be absent or unparseable)
    message_id      text,
    from_address    text,
    subject         text,
    request_id      bigint REFERENCES request (id) ON DELETE SET NULL,
    -- DEFERRED: when the desk opens and the mail is registered (with that registration time)
    register_at     timestamptz,
    -- the acknowledgement sent on receipt (a deferred mail has no request yet to keep it with)
    ack_message_id  text,
    -- failed processing attempts; a RECEIVED row is (re)processed by the recovery poll from next_attempt_at
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    processed_at    timestamptz,
    -- exactly once per desk, whichever node or poll sees the mail, however often it is delivered
    CONSTRAINT inbound_message_desk_dedup_key UNIQUE (desk_id, dedup_key)
);
CREATE INDEX inbound_message_received_idx ON inbound_message (next_attempt_at, id) WHERE state = 'RECEIVED';
CREATE INDEX inbound_message_deferred_idx ON inbound_message (register_at, id) WHERE state = 'DEFERRED';
CREATE INDEX inbound_message_quarantine_idx ON inbound_message (received_at DESC) WHERE state = 'QUARANTINED';
-- Replies to a mail still waiting to be registered join it (by its Message-ID or its acknowledgement's).
CREATE INDEX inbound_message_deferred_ids_idx ON inbound_message (desk_id, message_id) WHERE state = 'DEFERRED';

-- The acknowledgement rate limit counts a sender's acknowledgements of the last hour.
CREATE INDEX outbox_ack_recipient_idx ON outbox (lower(to_address), created_at) WHERE kind = 'ACKNOWLEDGEMENT';
