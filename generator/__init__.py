"""El catálogo de buenas prácticas de la CSM: de los registros YAML al sitio.

Subpaquetes, en el orden del recorrido de un registro:

- ``esquema``      la descripción de los campos (schema/campos.yml) y los vocabularios,
                   y el JSON Schema que se genera de ellos;
- ``validacion``   leer un registro como lo ve JSON Schema, comprobarlo y decir en
                   español qué corregir;
- ``publicacion``  el modelo público de un registro, las páginas, los PDF, los datos
                   abiertos y la construcción dentro de MkDocs;
- ``repositorio``  los archivos que se generan dentro del repositorio (plantilla,
                   formulario de GitHub, CODEOWNERS) y la orden ``nueva``;
- ``intercambio``  el formulario en Word (vacío o completo) y su lectura: ``importar``,
                   ``exportar``;
- ``privacidad``   los datos de la persona de contacto, cifrados con age para la
                   Secretaría Técnica: ``cifrar``, ``contactos``, ``clave-st``.

``config`` declara una sola vez dónde está cada cosa y la configuración del sitio;
``cli`` es la línea de órdenes ``python -m generator``.
"""
