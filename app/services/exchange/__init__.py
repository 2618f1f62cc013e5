"""Excel exchange: reading untrusted spreadsheets into rows, recognising their shape, validating
and planning an import, applying it in one transaction, undoing a batch, and writing workbooks.

Submodules, from the file inwards: `reading` (child process with limits) → `values` (cells as
people write them) → `shapes` (header, columns, shape) → `importing` (validate, plan, apply,
undo) ; `writing` (safe workbook output) → `export` (database, follow-up, template).
This package is kept import-light: the reading child process imports only `reading`."""
