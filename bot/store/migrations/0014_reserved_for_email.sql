-- Reserved: migration 0014 is the email branch's (an email-address table). This
-- placeholder only keeps the numbering without gaps on the privacy branch; the lead
-- deletes it when the email branch's 0014 is merged. It creates a table so that a second
-- process applying it again fails like a real migration would (see migrate()).
CREATE TABLE reserved_0014 (note TEXT);
