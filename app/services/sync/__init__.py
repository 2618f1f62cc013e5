"""Offline checkouts of a regional database and their synchronisation (no Qt).

* `rows` — the synchronised tables, row keys, and one neutral form of a row for both engines;
* `local` — a checkout's own change log: SQLite triggers, written in the edit's transaction;
* `checkout` — `styrkort checkout`: the region or one nämnd's scope into a new local file;
* `engine` — `styrkort sync`: push, pull, field-level merge, resumable after a kill;
* `conflicts` — the conflicts waiting for a decision, and the decision (audited).

docs/sync.md explains the design and its measurements."""
