"""The knowledge base as checked data: strict loading, models, rules, links, problems."""
