"""Live preview: rebuild through the real pipeline on save, serve, reload the browser."""
