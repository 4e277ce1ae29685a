-- The correspondence of a request, both ways: emails in and out, voicemails, operators' notes.
CREATE TABLE message (
    id           bigserial PRIMARY KEY,
    request_id   bigint      NOT NULL REFERENCES request (id) ON DELETE CASCADE,
    direction    text        NOT NULL CHECK (direction IN ('IN', 'OUT')),
    kind         text        NOT NULL CHECK (kind IN ('EMAIL', 'VOICEMAIL', 'CALL', 'NOTE')),
    at           timestamptz NOT NULL,
    -- who wrote it: the sender's address for mail in, an operator's username for answers and notes
    author       text,
    from_address text,
    to_address   text,
    subject      text,
    -- RFC 5322 Message-ID without angle brackets: a parent's reply names it in In-Reply-To
    message_id   text,
    text_body    text        NOT NULL DEFAULT '',
    -- HTML as received, already sanitised; never shown unsanitised
    html_body    text
);
CREATE INDEX message_request_idx ON message (request_id, at, id);
CREATE INDEX message_message_id_idx ON message (message_id) WHERE message_id IS NOT NULL;

CREATE TABLE attachment (
    id           bigserial PRIMARY KEY,
    message_id   bigint NOT NULL REFERENCES message (id) ON DELETE CASCADE,
    file_name    text   NOT NULL,
    content_type text   NOT NULL,
    size         bigint NOT NULL,
    sha256       text   NOT NULL,
    content      bytea  NOT NULL
);
CREATE INDEX attachment_message_idx ON attachment (message_id);

-- Every mail the gateway sends waits here until the SMTP server has accepted it, so a send
-- survives a crash or an SMTP outage and is retried with back-off.
CREATE TABLE outbox (
    id              bigserial PRIMARY KEY,
    desk_id         text        NOT NULL,
    request_id      bigint REFERENCES request (id) ON DELETE SET NULL,
    kind            text        NOT NULL,
    -- our Message-ID, fixed before sending so the recipient's reply can be threaded
    message_id      text        NOT NULL UNIQUE,
    from_address    text        NOT NULL,
    to_address      text        NOT NULL,
    subject         text        NOT NULL,
    body_text       text        NOT NULL,
    in_reply_to     text,
    references_ids  text,
    -- RFC 3834: acknowledgements are auto-replied so that other robots do not answer them
    auto_submitted  boolean     NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL,
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    -- a node that took the mail holds it until then; after that another node may retry it
    claimed_until   timestamptz,
    sent_at         timestamptz,
    failed_at       timestamptz,
    last_error      text
);
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at, id) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX outbox_request_idx ON outbox (request_id);
