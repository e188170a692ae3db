-- When someone joined a channel, where the source says so (Slack's channel_join messages):
-- before then they could not read it. NULL: a member for as long as the source knows.
ALTER TABLE channel_members ADD COLUMN joined_at TEXT;
