"""What a reader sees: the published view, pages, URLs, templates and locales (pure)."""
