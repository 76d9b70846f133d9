"""Declarations imported by wlmail.registry.Registry.load()."""
