"""The translation workflow: fields to translate out to XLIFF or PO files, translations
back into the records, and the glossary that goes with every file."""
