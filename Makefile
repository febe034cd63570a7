# Catálogo de buenas prácticas de la CSM — one task runner, same commands locally and in CI.
# `make help` lists the targets.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
FICHAS ?=
FORMATO ?= texto

.DEFAULT_GOAL := help
.PHONY: help site construir zensical lock validate nueva nueva-perfil recibir enlaces informe importar exportar cifrar contactos clave-st schema workflows vendor serve test test-rapido bench clean sistema

help: ## Lista las tareas disponibles
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | column -t -s "$$(printf '\t')"

# The lock files (requirements*.txt) pin every package with its hashes; pip refuses anything else
# (--require-hashes). They are compiled from requirements*.in by `make lock`.
PIP_INSTALAR := $(PIP) install --quiet --disable-pip-version-check --require-hashes

$(VENV)/.base: requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Se necesita Python 3.11 o superior.")'
	$(PYTHON) -m venv $(VENV)
	$(PIP_INSTALAR) -r requirements.txt
	$(PIP) install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

$(VENV)/.dev: $(VENV)/.base requirements-dev.txt
	$(PIP_INSTALAR) -r requirements-dev.txt
	@touch $@

HERRAMIENTAS := .venv-herramientas
PIP_COMPILE = $(HERRAMIENTAS)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links

lock: ## Recompila los archivos fijados (requirements*.txt, con hashes) desde requirements*.in (UPGRADE=1: versiones nuevas)
	@test -x $(HERRAMIENTAS)/bin/pip-compile || { $(PYTHON) -m venv $(HERRAMIENTAS) && $(HERRAMIENTAS)/bin/pip install --quiet -r requirements-herramientas.txt; }
	$(PIP_COMPILE) $(if $(UPGRADE),--upgrade) -o requirements.txt requirements.in
	$(PIP_COMPILE) $(if $(UPGRADE),--upgrade) -o requirements-dev.txt requirements-dev.in
	$(PIP_COMPILE) $(if $(UPGRADE),--upgrade) -o requirements-zensical.txt requirements-zensical.in

validate: $(VENV)/.base ## Valida las fichas de fichas/ y los perfiles de perfiles/ (FICHAS=ruta: otra carpeta, un país o un archivo; IDIOMA=pt: los mensajes en ese idioma)
	$(PY) -m generator validate $(FICHAS) --formato $(FORMATO) $(if $(IDIOMA),--idioma $(IDIOMA))

nueva: $(VENV)/.base ## Crea una ficha desde la plantilla: make nueva PAIS=ARG TITULO="Título de la experiencia" [IDIOMA=pt: la plantilla en ese idioma]
	@$(PY) -m generator nueva --pais "$(PAIS)" "$(TITULO)" $(if $(IDIOMA),--idioma $(IDIOMA))

nueva-perfil: $(VENV)/.base ## Crea un perfil de cooperación: make nueva-perfil PAIS=ARG INSTITUCION="Dirección Nacional de Migraciones" [IDIOMA=en]
	@$(PY) -m generator nueva-perfil --pais "$(PAIS)" "$(INSTITUCION)" $(if $(IDIOMA),--idioma $(IDIOMA))

importar: $(VENV)/.base ## Convierte una ficha recibida (Word .docx, .yml, o el texto del correo .txt/.eml) en su archivo: make importar ARCHIVO=ficha.docx [PAIS=ARG] [REEMPLAZAR=1] [CLAVE=archivo] [IDIOMA=es]
	$(PY) -m generator importar "$(ARCHIVO)" $(if $(PAIS),--pais "$(PAIS)") $(if $(REEMPLAZAR),--reemplazar) $(if $(SALIDA),--salida "$(SALIDA)") $(if $(CLAVE),--clave "$(CLAVE)") $(if $(IDIOMA),--idioma "$(IDIOMA)")

recibir: $(VENV)/.base ## De lo recibido a un pull request, con la respuesta para quien lo envió: make recibir ARCHIVO=correo.eml [PAIS=ARG] [REEMPLAZAR=1] [ADJUNTO=nombre] [ENVIAR=0]
	@$(PY) -m generator recibir "$(ARCHIVO)" $(if $(PAIS),--pais "$(PAIS)") $(if $(REEMPLAZAR),--reemplazar) $(if $(ADJUNTO),--adjunto "$(ADJUNTO)") $(if $(filter 0,$(ENVIAR)),--sin-enviar) $(if $(IDIOMA),--idioma $(IDIOMA))

enlaces: $(VENV)/.dev ## Comprueba los enlaces de (2.5), (2.9) y los perfiles con LinkChecker (con caché y sin apuro) y escribe build/enlaces/informe.md por país y ficha [CACHE_DIAS=0]
	$(PY) -m generator enlaces $(if $(CACHE_DIAS),--cache-dias $(CACHE_DIAS))

informe: $(VENV)/.base ## El informe de la Secretaría Técnica por país en build/informe/ (Markdown y PDF): make informe [CLAVE=archivo] [FECHA=AAAA-MM-DD]
	@bash scripts/instalar-sistema.sh --sitio
	$(PY) -m generator informe $(if $(CLAVE),--clave "$(CLAVE)") $(if $(FECHA),--fecha "$(FECHA)")

exportar: $(VENV)/.base ## Escribe una ficha como Word para enviarla a actualizar: make exportar FICHA=fichas/arg/x.yml SALIDA=x.docx [CLAVE=archivo] [IDIOMA=pt]
	$(PY) -m generator exportar "$(FICHA)" "$(SALIDA)" $(if $(CLAVE),--clave "$(CLAVE)") $(if $(IDIOMA),--idioma "$(IDIOMA)")

cifrar: $(VENV)/.base ## Cifra el contacto (1.12) de las fichas escritas a mano; RECIFRAR=1 CLAVE=archivo vuelve a cifrar todas para las claves actuales; IDIOMA=pt: los mensajes en ese idioma
	$(PY) -m generator cifrar $(FICHAS) $(if $(RECIFRAR),--recifrar) $(if $(CLAVE),--clave "$(CLAVE)") $(if $(IDIOMA),--idioma $(IDIOMA))

contactos: $(VENV)/.base ## Muestra los contactos descifrados (Secretaría Técnica): make contactos CLAVE=~/.config/catalogo-csm/clave-st.txt [CSV=1]
	@$(PY) -m generator contactos $(FICHAS) --clave "$(CLAVE)" $(if $(CSV),--csv)

clave-st: $(VENV)/.base ## Crea una clave de la Secretaría Técnica fuera del repositorio: make clave-st NOMBRE="Secretaría Técnica — Ana Pérez" [ARCHIVO=ruta]
	$(PY) -m generator clave-st --nombre "$(NOMBRE)" $(if $(ARCHIVO),--archivo "$(ARCHIVO)")

schema: $(VENV)/.base ## Regenera el esquema, el formulario de propuesta y CODEOWNERS desde schema/campos.yml y schema/vocabularios.yml
	$(PY) -m generator schema

traducciones: $(VENV)/.base ## Lo que falta traducir en cada idioma (schema/idiomas/): make traducciones [IDIOMA=pt] [TODO=1]
	$(PY) -m generator traducciones $(IDIOMA) $(if $(TODO),--todo)

export NO_MKDOCS_2_WARNING := 1

# The site is built in three steps: `construir` writes build/paginas (docs/ plus every generated
# page, download and data file, already escaped) and build/mkdocs.yml; an engine renders them;
# `indexar` copies the attachments, runs Pagefind and checks the size budget. The engine runs once
# per language of catalogo.yml (build/mkdocs.yml, build/pt/mkdocs.yml…), all at once, and
# `python -m generator motor` puts the builds together (/, /pt/, /en/). The engine is the one line
# below: MkDocs + Material today; `MOTOR := zensical` switches to Zensical.
MOTOR := mkdocs
ZENSICAL := .venv-zensical
PRIMER_IDIOMA = $(shell $(PY) -c 'from generator.config import leer_configuracion as l; print(l().idiomas[0])')
MOTOR_mkdocs = $(PY) -m generator motor --motor mkdocs $(1)
MOTOR_zensical = $(PY) -m generator motor --motor zensical --zensical $(CURDIR)/$(ZENSICAL)/bin/zensical $(1)

$(ZENSICAL)/.base: requirements-zensical.txt
	$(PYTHON) -m venv $(ZENSICAL)
	$(ZENSICAL)/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements-zensical.txt
	@touch $@

construir: $(VENV)/.base ## Valida y escribe lo que el motor construye: build/paginas y build/mkdocs.yml (SIN_PDF=1: sin los PDF)
	@bash scripts/instalar-sistema.sh --sitio
	$(PY) -m generator construir $(if $(SIN_PDF),--sin-pdf)

site: construir $(if $(filter zensical,$(MOTOR)),$(ZENSICAL)/.base) ## Construye el sitio completo en site/: construir → el motor (MkDocs + Material) → indexar
	$(call MOTOR_$(MOTOR),site)
	$(PY) -m generator indexar site

zensical: construir $(ZENSICAL)/.base ## El mismo sitio construido con Zensical, el sucesor de Material, en site-zensical/
	$(call MOTOR_zensical,site-zensical)
	$(PY) -m generator indexar site-zensical

serve: $(VENV)/.base ## Vista previa en http://127.0.0.1:8000 con recarga al cambiar una ficha (sin PDF)
	@bash scripts/instalar-sistema.sh --sitio
	@# the preview is the first language of catalogo.yml alone (the others are built by make site)
	CATALOGO_PDF=0 CATALOGO_IDIOMAS=$(PRIMER_IDIOMA) $(PY) -m generator construir
	@# a preview rebuilds only the pages that changed (--dirty), which strict mode would refuse
	sed 's/^strict: true$$/strict: false/' build/mkdocs.yml > build/mkdocs-vista.yml
	CATALOGO_PDF=0 CATALOGO_IDIOMAS=$(PRIMER_IDIOMA) $(PY) -m mkdocs serve -f build/mkdocs-vista.yml --dirty --dev-addr 127.0.0.1:8000

workflows: $(VENV)/.dev ## Revisa .github/workflows con actionlint y zizmor (sin conexión)
	$(VENV)/bin/actionlint
	$(VENV)/bin/zizmor --offline --persona pedantic .github/workflows

vendor: sistema ## Reempaqueta las bibliotecas del formulario /proponer/ (Ajv, ajv-formats, yaml) desde package-lock.json
	node scripts/vendor.mjs docs/assets/vendor

sistema: ## Instala lo que usan las pruebas y falta: paquetes de Debian (Chromium, poppler, Java) y de npm
	bash scripts/instalar-sistema.sh

test: $(VENV)/.dev $(ZENSICAL)/.base sistema ## Ejecuta toda la batería de pruebas
	$(PY) -m pytest

test-rapido: $(VENV)/.dev ## Solo las pruebas rápidas: sin navegador ni construcción del sitio completo (instala los paquetes de npm si faltan)
	@bash scripts/instalar-npm.sh
	$(PY) -m pytest -m "not navegador and not sitio"

bench: $(VENV)/.dev sistema ## Mide, lado a lado: construcción de 1.000 fichas frente a Material sin más, una ficha editada, validar N (10.000) fichas, tamaño a 1.000 y estimado a N (SOLO=pdf|busqueda|3g: otras medidas)
	$(PY) scripts/bench.py $(if $(N),--fichas $(N)) $(if $(SOLO),--solo $(SOLO))

clean: ## Borra lo generado (no borra .venv)
	rm -rf site site-zensical build .pytest_cache .hypothesis node_modules
