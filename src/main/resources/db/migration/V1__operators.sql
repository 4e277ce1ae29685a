-- Operators of the help desks: who may log in, with which role, at which desks.
CREATE TABLE operator (
    username      text PRIMARY KEY,
    full_name     text        NOT NULL DEFAULT '',
    password_hash text        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('OPERATOR', 'SUPERVISOR', 'ADMIN')),
    enabled       boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- The desks an operator or supervisor works at (an administrator sees all desks).
CREATE TABLE operator_desk (
    username text NOT NULL REFERENCES operator (username) ON DELETE CASCADE,
    desk_id  text NOT NULL,
    PRIMARY KEY (username, desk_id)
);
