"""Leer y comprobar registros: YAML como lo ve JSON Schema, las reglas que un esquema
no expresa, y un mensaje en español por problema, con archivo, línea, campo y qué hacer.
Nada aquí escribe archivos ni termina el proceso: el resultado se devuelve y se informa."""
