"""The app's screens, one per file: chat, browser, compare, training, and the dialogs over them."""
