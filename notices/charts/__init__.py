"""The Department's charts, drawn as SVG on the server: the dashboard's and the yearly report's."""
