"""FAQ packs for the engagement team: build, approve, and keep true as documents change."""
