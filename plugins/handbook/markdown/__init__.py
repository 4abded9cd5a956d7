"""markdown layer."""
