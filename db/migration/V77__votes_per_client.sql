-- How many votes one client address (its salted hash) has cast in a poll's round: read when an
-- address votes in a poll for the first time since the site started, for the per-poll cap.
create index vote_client_idx on vote (question_id, round, client_hash);
