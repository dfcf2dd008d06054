"""The South-South knowledge base: strict loading, validation and site generation."""

__version__ = "0.1.0"
