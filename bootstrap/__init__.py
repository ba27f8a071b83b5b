"""The composition root: reads the environment (OCOP_*) and the entry point's options once and
builds what every command, flow and web request receives. Nothing deeper reads settings."""
