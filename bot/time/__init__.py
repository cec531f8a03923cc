"""Time: the injected clock, the timed-job scheduler, and how moments are shown."""
