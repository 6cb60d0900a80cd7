"""The HTTP face of readout (starlette app, health checks) and its command line."""
