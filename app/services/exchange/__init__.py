"""Excel exchange: reading untrusted spreadsheets into rows, recognising their shape, parsing and
planning an import, applying it in one transaction, undoing a batch, and writing workbooks.

The import is a one-way pipeline, one module per stage (an import-linter layers contract in
pyproject.toml keeps it so): `reading` (child process with limits) → `values`, `shapes`,
`mapping` (recognise: cells, number format, periods, header, columns) → `parsing` (cells →
typed `plans.CellRecord`) → `planning` (diff against the database → `plans.ImportPlan`;
`structure`, `records`, `sheets` and `matrix` for workbooks) → `applying` / `undoing`;
`importing.run_import` runs it for the window and the command line alike. `writing` (safe
workbook output) → `export` (database, follow-up, template).
This package is kept import-light: the reading child process imports only `reading`."""
