"""Conduct in a browser: a server-rendered, accessible web app over the headless core.

Kept light: importing `web` loads nothing; `web.app.create_app` builds the app.
"""
