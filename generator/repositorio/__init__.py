"""Archivos que se generan dentro del repositorio a partir de la descripción de los campos
(la plantilla de ficha, el formulario de GitHub, CODEOWNERS) y la orden ``nueva``."""
