"""The delegations attending and their members."""
