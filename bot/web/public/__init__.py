"""The public web edition: the programme, delegations, venue and press for anyone, with no
login, as plain server-rendered HTML; also written out as a static mirror."""
