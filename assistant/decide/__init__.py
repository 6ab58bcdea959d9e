"""Deciding: each council's parameters (policy), the topics' decision templates, and an answer from a decision."""
