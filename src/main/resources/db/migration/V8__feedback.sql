-- The regional school feedback service ("Обратная связь"): who answers for which school, the
-- parents' questions, and the chain each question climbs when nobody answers in time.

-- The directory: the regional department, municipal education authorities, schools (each under
-- its municipality) and desks (e.g. the situational centre that takes technical questions).
-- `code` is the administrator's own key (e.g. the school's code in the regional AIS): CSV imports
-- update by it, so importing the same file twice changes nothing.
CREATE TABLE feedback_org (
    id         bigserial PRIMARY KEY,
    code       text        NOT NULL UNIQUE,
    kind       text        NOT NULL CHECK (kind IN ('REGION', 'MUNICIPALITY', 'SCHOOL', 'DESK')),
    name       text        NOT NULL,
    parent_id  bigint REFERENCES feedback_org (id),
    -- the organisation's own address (a school's feedback mailbox, a desk's support address)
    email      text,
    -- for DESK: the gateway desk whose journal it is (e.g. 'sc')
    desk_id    text,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    -- a school always belongs to a municipality; the tree itself is checked by the application
    CHECK (kind <> 'SCHOOL' OR parent_id IS NOT NULL)
);
CREATE INDEX feedback_org_parent_idx ON feedback_org (parent_id);
CREATE INDEX feedback_org_kind_idx ON feedback_org (kind, name);

-- Responsible people: a school's deputy head appointed for feedback and its director; an
-- authority's (municipality, department) responsible person. One per organisation and role.
CREATE TABLE feedback_person (
    org_id    bigint NOT NULL REFERENCES feedback_org (id) ON DELETE CASCADE,
    role      text   NOT NULL CHECK (role IN ('DEPUTY', 'DIRECTOR', 'RESPONSIBLE')),
    full_name text   NOT NULL,
    email     text   NOT NULL,
    PRIMARY KEY (org_id, role)
);

-- A parent's question. The journal request (request_id) is its record in the feedback desk's
-- journal; a technical question, or one passed on as out of the school's competence, also has a
-- request in the technical desk's journal (tech_request_id).
CREATE TABLE feedback_question (
    id              bigserial PRIMARY KEY,
    request_id      bigint      NOT NULL REFERENCES request (id),
    number          text        NOT NULL UNIQUE,
    rubric          text        NOT NULL CHECK (rubric IN ('SCHOOL', 'TECHNICAL')),
    school_id       bigint      NOT NULL REFERENCES feedback_org (id),
    applicant_name  text        NOT NULL,
    applicant_email text        NOT NULL,
    text            text        NOT NULL,
    source          text        NOT NULL CHECK (source IN ('FORM', 'API', 'EMAIL')),
    -- for the per-address rate limit; null for email
    client_ip       text,
    -- the applicant's status link; mailed again with every answer, so it is kept (it grants
    -- reading the question and asking again, nothing more)
    status_token    text        NOT NULL UNIQUE,
    -- who holds the question now
    level           text        NOT NULL
        CHECK (level IN ('DEPUTY', 'DIRECTOR', 'MUNICIPALITY', 'DEPARTMENT', 'TECHNICAL')),
    state           text        NOT NULL CHECK (state IN ('OPEN', 'ANSWERED')),
    -- the current step's number: every move (escalation, answer, repeat) is
    -- "UPDATE ... WHERE step = :expected", so each happens once however many nodes try
    step            int         NOT NULL DEFAULT 1,
    -- when the current holder's time runs out (null at the department: nobody above it)
    deadline_at     timestamptz,
    -- the school chain's deadlines are counted from here, in working days (see EscalationRule)
    clock_base_at   timestamptz NOT NULL,
    clock_days      int         NOT NULL DEFAULT 0,
    tech_request_id bigint REFERENCES request (id),
    -- the technical desk was warned that the deadline is near (the UI shows the flag)
    warned_at       timestamptz,
    repeat_count    int         NOT NULL DEFAULT 0,
    department_notified_at timestamptz,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
-- The escalation clock: open questions by deadline.
CREATE INDEX feedback_question_due_idx ON feedback_question (deadline_at) WHERE state = 'OPEN';
-- Rate limits: recent questions by address and by applicant.
CREATE INDEX feedback_question_ip_idx ON feedback_question (client_ip, created_at);
CREATE INDEX feedback_question_email_idx ON feedback_question (lower(applicant_email), created_at);

-- The chain as it happened: one row per holder, with the answer link's hash (the link itself is
-- only in the holder's mail) and how the step ended.
CREATE TABLE feedback_step (
    id                bigserial PRIMARY KEY,
    question_id       bigint      NOT NULL REFERENCES feedback_question (id) ON DELETE CASCADE,
    seq               int         NOT NULL,
    level             text        NOT NULL,
    holder_org_id     bigint REFERENCES feedback_org (id),
    holder_name       text,
    holder_email      text,
    answer_token_hash text UNIQUE,
    started_at        timestamptz NOT NULL,
    deadline_at       timestamptz,
    ended_at          timestamptz,
    outcome           text CHECK (outcome IN ('ANSWERED', 'ESCALATED', 'OUT_OF_COMPETENCE', 'REPEATED')),
    answer_text       text,
    UNIQUE (question_id, seq)
);
