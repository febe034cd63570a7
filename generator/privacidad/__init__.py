"""Contact persons' data, never in plaintext in the repository.

The private sub-fields of a record (1.12: the contact person's name, position and e-mail) travel
inside one ASCII-armored age message, encrypted to the Technical Secretariat's public keys
(schema/destinatarios.txt). This package owns that: the recipients (`destinatarios`), encrypting
and decrypting (`cifrado`), checking a block without the private key (`sobre`), rewriting
hand-written files in place (`reescritura`) and the ST's commands (`cifrar`, `contactos`,
`clave-st`).
"""
