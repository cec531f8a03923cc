"""Invite links that give a role."""
