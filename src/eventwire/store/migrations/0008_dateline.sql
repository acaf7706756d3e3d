-- The place an opening dateline names ("Dhaka" for "DHAKA, Nov 9 (Reuters) -"): metadata, never an actor.
ALTER TABLE reports ADD COLUMN dateline TEXT;
