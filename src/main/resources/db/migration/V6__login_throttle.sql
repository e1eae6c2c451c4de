-- Failed logins counted per username and client address, and per client address over all
-- usernames, instead of a lock per username that anyone could set off against anyone.
DROP TABLE login_failures;

CREATE TABLE login_throttle (
  username      text NOT NULL,        -- lower-cased; '' is the client's count over every username
  client        text NOT NULL,        -- the client's address; an IPv6 address stands for its /64
  failures      integer NOT NULL,     -- attempts counted and not taken back by a correct password
  blocked_until timestamptz NOT NULL, -- no password is checked for this client before then
  PRIMARY KEY (username, client)
);
-- Finds the counts that have been quiet long enough to forget.
CREATE INDEX login_throttle_blocked_until ON login_throttle (blocked_until);
