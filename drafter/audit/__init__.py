"""The data's own arithmetic: findings (each with a machine code) on the figures a clerk typed."""
