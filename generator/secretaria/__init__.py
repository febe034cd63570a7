"""The Technical Secretariat's desk: receiving a submission (`recibir`), the freshness of each
record (`frescura`), the links that still work (`enlaces`) and the ST's report (`informe`)."""
