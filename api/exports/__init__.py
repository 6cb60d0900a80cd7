"""Exports of the knowledge base for maps, spreadsheets and scripts: JSON, NDJSON, CSV and GeoJSON,
streamed a batch at a time, on the command line (``readout export --format``) and over HTTP
(``api.exports.http``)."""
