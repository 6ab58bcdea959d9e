"""The Textual chat app: the only layer that imports Textual."""
