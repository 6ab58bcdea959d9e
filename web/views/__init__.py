"""One module per group of pages; each handler turns a request into `Session` calls and a template."""
