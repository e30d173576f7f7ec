"""The screens of brum-config's editor."""
