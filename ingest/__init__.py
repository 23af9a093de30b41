"""Ingestion: files -> clean text -> structure-aware chunks -> embeddings in Chroma + a BM25 index."""
