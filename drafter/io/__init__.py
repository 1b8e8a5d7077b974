"""Files in and out: reading what a user hands in with limits and clear errors, and atomic writes."""
