"""adapter layer."""
