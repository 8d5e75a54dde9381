"""The desktop application's widgets: they show data and react to engine signals."""
