-- A challenger counts while its reader's "no" vote counts (poll.Challengers). Votes are not
-- exported, so a challenger brought in by an import (transfer.SiteImport) has no vote on this
-- site: it was exported only because its reader's vote counted there, and counts as such here.
alter table challenger add column imported boolean not null default false;
