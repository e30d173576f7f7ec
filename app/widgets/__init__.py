"""The widgets of brum-config's editor; the setting form's parts are in `form`."""
