"""What contributors and editors run: new records, issue forms and imports, schemas."""
