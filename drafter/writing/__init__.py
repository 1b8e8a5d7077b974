"""What each section is written from and how it is asked for: outline, contexts, prompts, builtin writer."""
