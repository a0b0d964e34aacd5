def load(audit: bool = False) -> None:
    """Load this app's part of the Yangzhong demo data (idempotent)."""
