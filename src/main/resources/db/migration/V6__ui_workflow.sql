-- The operators' workflow (web UI): applicants' status links, the deadline pause while the desk waits
-- for the applicant, and supervisors' approvals of Error/Improvement requests.

-- The applicant's status page link: 256 random bits, base64url (43 characters), made on first use by
-- StatusLinks. Looked up by its first 16 characters (the selector, an index), then compared whole in
-- constant time in Java, so response timing says nothing about the rest of the token.
ALTER TABLE request ADD COLUMN status_token text;
CREATE UNIQUE INDEX request_status_token_key ON request (status_token) WHERE status_token IS NOT NULL;
CREATE INDEX request_status_selector_idx ON request (left(status_token, 16)) WHERE status_token IS NOT NULL;

-- Set while the request is "Обратная связь" (awaiting the applicant's information): the deadline does not
-- run then. When the request leaves that status the journal extends due_at by the working time paused.
ALTER TABLE request ADD COLUMN paused_at timestamptz;
ALTER TABLE request ADD CONSTRAINT request_paused_only_awaiting
    CHECK (paused_at IS NULL OR status = 'AWAITING_FEEDBACK');

-- Regulation 001, 3.5: Error and Improvement requests need the agreement of the system operator before
-- they go to the developer, and may be rejected until then. A supervisor (or administrator) of the desk
-- records that agreement here; the journal refuses "Передано разработчику" without it.
CREATE TABLE request_approval (
    request_id  bigint PRIMARY KEY REFERENCES request (id) ON DELETE CASCADE,
    approved_by text        NOT NULL,
    approved_at timestamptz NOT NULL,
    note        text
);
