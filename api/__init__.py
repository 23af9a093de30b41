"""HTTP API (FastAPI) and the staff chat widget."""
