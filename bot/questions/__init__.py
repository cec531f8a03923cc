"""Questions to the speakers: delegates ask during a session, moderators approve them."""
