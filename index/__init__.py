"""Write path: load, clean, segment, chunk, embed and store documents."""
