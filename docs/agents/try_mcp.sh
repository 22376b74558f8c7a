#!/bin/sh
# Talk to `replylint mcp` by hand: handshake, then lint a Spanish draft with a typo.
printf '%s\n' \
  '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"sh","version":"0"}}}' \
  '{"jsonrpc":"2.0","method":"notifications/initialized"}' \
  '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"lint_draft","arguments":{"text":"Hola,\n\nLe enviamos la respuetsa hoy.\n"}}}' \
  | replylint mcp
