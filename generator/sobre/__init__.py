"""The encrypted envelope of a record's private block, as far as it can be checked without a key:
its armor and stanzas (comprobacion) and the recipients it must be encrypted to (destinatarios)."""
