-- Delivery lanes: reminders and programme notices (0) go before answers to one person (1),
-- which go before broadcasts (2); oldest first within a lane. The rule is
-- bot/delivery/lanes.py's lane_for(kind): a kind's family is the part before its first dot.
-- Rows already in the file (queued ones included) get their lane from their kind.

ALTER TABLE outbox ADD COLUMN lane INTEGER NOT NULL DEFAULT 1 CHECK (lane IN (0, 1, 2));

UPDATE outbox SET lane = CASE
    CASE WHEN instr(kind, '.') > 0 THEN substr(kind, 1, instr(kind, '.') - 1) ELSE kind END
    WHEN 'reminder' THEN 0
    WHEN 'notice' THEN 0
    WHEN 'offer' THEN 0
    WHEN 'day-offer' THEN 0
    WHEN 'cancelled' THEN 0
    WHEN 'added' THEN 0
    WHEN 'moved' THEN 0
    WHEN 'programme' THEN 0
    WHEN 'broadcast' THEN 2
    ELSE 1
END;

-- The worker reads each lane's queued rows in id order.
DROP INDEX outbox_queued;
CREATE INDEX outbox_queued ON outbox (lane, id) WHERE state = 'queued';
