"""Deciding: each council's parameters (policy, schema), the topics (topics/<topic>/: parameters, words,
template, drafting), the decision a template builds, and an answer rendered from it."""
