"""Modal dialogs: confirmations, the target chooser and save conflicts."""
