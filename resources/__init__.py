"""Static files (icon, .desktop file, stylesheet), loaded with importlib.resources."""
