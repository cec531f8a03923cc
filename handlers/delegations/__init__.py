"""/delegations in chat."""
