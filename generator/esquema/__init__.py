"""La descripción de cada campo, en un solo lugar.

Lee schema/campos.yml (números, etiquetas, instrucciones, límites, tipo, privacidad,
condiciones, exportación) y schema/vocabularios.yml, y genera de ellos el JSON Schema.
Todo lo demás (validador, páginas, PDF, datos, formularios) lee de aquí.
"""
