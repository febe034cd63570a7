"""Del registro válido al sitio: el modelo público (sin datos personales), las páginas
Markdown con front matter, los PDF, los datos abiertos, y la construcción que MkDocs
ejecuta por medio de hooks/catalogo.py. Las plantillas están en plantillas/."""
