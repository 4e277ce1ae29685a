-- A letter to a school's feedback address that the feedback service could not accept as a question
-- (too long, too many files, asked too often): the sender is told why, and the letter is kept as
-- REFUSED with the reason, so nothing is lost and an administrator can see what happened.
ALTER TABLE inbound_message DROP CONSTRAINT inbound_message_state_check;
ALTER TABLE inbound_message ADD CONSTRAINT inbound_message_state_check
    CHECK (state IN ('RECEIVED', 'REGISTERED', 'DEFERRED', 'THREADED', 'QUARANTINED', 'IGNORED', 'REFUSED'));

-- The intake recognises a school by the address a letter was sent to.
CREATE INDEX feedback_org_email_idx ON feedback_org (lower(email)) WHERE kind = 'SCHOOL';
