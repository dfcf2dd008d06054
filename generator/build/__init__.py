"""The site build: render and write, MkDocs per language, search index, audit."""
