"""/venue, the «📍 Venue» button and a session's hall: practical information in chat."""
