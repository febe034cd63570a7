"""Where things live, declared once."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FICHAS_DIR = ROOT / "fichas"
SCHEMA_DIR = ROOT / "schema"
SCHEMA_PATH = SCHEMA_DIR / "ficha.schema.json"
VOCAB_PATH = SCHEMA_DIR / "vocabularios.yml"
CAMPOS_PATH = SCHEMA_DIR / "campos.yml"
TEMPLATES_DIR = Path(__file__).resolve().parent / "publicacion" / "plantillas"

# A ficha is a few thousand words at most; anything larger is a mistake.
MAX_FILE_BYTES = 256 * 1024
FICHA_SUFFIXES = (".yml", ".yaml")

# Defaults for running the generator outside MkDocs; the build takes both from mkdocs.yml.
SITIO_URL = "https://csm-catalogo.github.io/catalogo/"
REPO_URL = "https://github.com/csm-catalogo/catalogo"
