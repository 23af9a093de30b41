"""One router per resource; api/app.py mounts them (a later `faq` router plugs in the same way)."""
