"""FAQ packs for the engagement team: build, approve, and keep true as documents change.

questions.yaml → build (ask each question, borough as hard filter) → FaqPack → render (md, csv, docx, html, json)
→ approvals (answers + cited chunk hashes) → check (after each ingest) → export (evaluation items).
"""
