"""Formats users live in: the Word document (GB/T 9704) and the templates a clerk fills in."""
