"""The chat's widgets; each declares the messages it posts as nested classes."""
