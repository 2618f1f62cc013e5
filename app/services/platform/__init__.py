"""What every area stands on: the audit log, backups, health checks, settings, tree walks and the Swedish number format."""
