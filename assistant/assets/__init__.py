"""Files shipped with the package (fonts)."""
