"""Personal data: the privacy notice, a person's copy of their data, erasure, retention."""
