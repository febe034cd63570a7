"""Contact persons' data (1.12) never in plaintext in the repository: `cifrar` in place, the
envelope checks, `contactos`, `clave-st`, and every ficha of the repository."""
from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from conftest import CASOS, ROOT, casos_invalidos, escribir_contacto_en_claro
from generator.privacidad.cifrado import descifrar, leer_destinatarios
from generator.privacidad.reescritura import cifrar_archivo
from generator.validacion.lectura import leer_bytes
from generator.validacion.validar import schema, validar

PRIVADOS = ("nombre", "cargo", "email")
CONTACTO = {"nombre": "Ana «Pérez» #1", "cargo": "Jefa: Cooperación", "email": "ana.perez@migraciones.gob.ar"}


def run(args, env):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_ninguna_ficha_del_repositorio_tiene_el_contacto_en_claro():
    """fichas/ and every test case except the ones about plaintext contacts."""
    en_claro = []
    archivos = sorted((ROOT / "fichas").rglob("*.y*ml")) + sorted(CASOS.rglob("*.y*ml"))
    for ruta in archivos:
        if "contacto-en-claro" in ruta.parts:
            continue
        texto = ruta.read_bytes().decode("utf-8", "replace")
        for clave in PRIVADOS:
            if any(l.startswith(f"  {clave}:") or l.startswith(f"   {clave}:") for l in texto.splitlines()):
                en_claro.append(f"{ruta.relative_to(ROOT)}: {clave}")
    assert en_claro == []
    assert len(archivos) > 60


def _ficha(tmp_path, nombre="x.yml", texto=None):
    carpeta = tmp_path / "fichas" / "arg"
    carpeta.mkdir(parents=True, exist_ok=True)
    ruta = carpeta / nombre
    ruta.write_bytes(texto if texto is not None else (CASOS / "validas" / "fichas" / "arg" / "minima.yml").read_bytes())
    return ruta


def test_cifrar_en_su_lugar_conserva_el_resto_byte_a_byte(tmp_path, clave_de_prueba):
    ruta = _ficha(tmp_path)
    escribir_contacto_en_claro(ruta, CONTACTO)
    texto = ruta.read_text(encoding="utf-8")
    texto = texto.replace("contacto:\n", "contacto:  # datos de 1.12\n").replace("resumen:", "# comentario propio\nresumen:")
    ruta.write_text(texto, encoding="utf-8")
    destinatarios = leer_destinatarios(clave_de_prueba.destinatarios)
    informe = cifrar_archivo(ruta, schema(), destinatarios)
    assert informe.cambio == "contacto cifrado" and informe.problemas == []
    nuevo = ruta.read_text(encoding="utf-8")
    viejas, nuevas = texto.splitlines(), nuevo.splitlines()
    assert [l for l in viejas if l not in nuevas] == [f'  {k}: "{v}"' for k, v in CONTACTO.items()]
    assert "contacto:  # datos de 1.12" in nuevas and "# comentario propio" in nuevas
    datos = leer_bytes(nuevo.encode()).data
    assert descifrar(datos["contacto"]["privado"], clave_de_prueba.identidad) == CONTACTO
    assert validar(tmp_path / "fichas").ok
    # a second run finds nothing to do and leaves the file alone
    assert cifrar_archivo(ruta, schema(), destinatarios).cambio == ""
    assert ruta.read_text(encoding="utf-8") == nuevo


def test_cifrar_respeta_bom_y_fin_de_linea_de_windows(tmp_path, clave_de_prueba):
    ruta = _ficha(tmp_path)
    escribir_contacto_en_claro(ruta, CONTACTO)
    crlf = b"\xef\xbb\xbf" + ruta.read_bytes().replace(b"\n", b"\r\n")
    ruta.write_bytes(crlf)
    cifrar_archivo(ruta, schema(), leer_destinatarios(clave_de_prueba.destinatarios))
    crudo = ruta.read_bytes()
    assert crudo.startswith(b"\xef\xbb\xbf") and b"\r\n" in crudo and b"\n" not in crudo.replace(b"\r\n", b"")
    assert descifrar(leer_bytes(crudo).data["contacto"]["privado"], clave_de_prueba.identidad) == CONTACTO


def test_cifrar_un_contacto_en_una_sola_linea(tmp_path, clave_de_prueba):
    ruta = _ficha(tmp_path)
    texto = ruta.read_text(encoding="utf-8")
    inicio, fin = texto.index("contacto:"), texto.index("antecedentes:")
    ruta.write_text(texto[:inicio] + 'contacto: {nombre: Ana, cargo: Jefa, email: ana@example.org, '
                    'institucion: DNM, email_institucional: info@example.org}\n' + texto[fin:], encoding="utf-8")
    assert cifrar_archivo(ruta, schema(), leer_destinatarios(clave_de_prueba.destinatarios)).cambio
    datos = leer_bytes(ruta.read_bytes()).data["contacto"]
    assert set(datos) == {"institucion", "email_institucional", "privado"} and datos["institucion"] == "DNM"
    assert descifrar(datos["privado"], clave_de_prueba.identidad) == {"nombre": "Ana", "cargo": "Jefa", "email": "ana@example.org"}


def test_cifrar_no_sella_un_contacto_incompleto_o_mal_escrito(tmp_path, clave_de_prueba):
    ruta = _ficha(tmp_path)
    escribir_contacto_en_claro(ruta, {"nombre": "Ana", "email": "mailto:ana@example.org"})
    antes = ruta.read_bytes()
    informe = cifrar_archivo(ruta, schema(), leer_destinatarios(clave_de_prueba.destinatarios))
    assert informe.cambio == "" and ruta.read_bytes() == antes
    assert any("escriba los tres datos" in p or "no es una dirección de correo válida" in p for p in informe.problemas)


def test_recifrar_para_una_nueva_lista_de_destinatarios(tmp_path, clave_de_prueba, env_py):
    import pyrage
    ruta = _ficha(tmp_path)
    escribir_contacto_en_claro(ruta, CONTACTO)
    assert run(["cifrar", str(ruta)], env_py).returncode == 0
    nueva = pyrage.x25519.Identity.generate()
    lista = tmp_path / "destinatarios.txt"
    lista.write_text(f"# Nueva responsable\n{nueva.to_public()}\n", encoding="utf-8")
    env = dict(env_py, CATALOGO_DESTINATARIOS=str(lista))
    sin_clave = run(["cifrar", "--recifrar", str(ruta)], env)
    assert sin_clave.returncode == 2 and "--clave" in sin_clave.stderr
    r = run(["cifrar", "--recifrar", "--clave", str(clave_de_prueba.archivo), str(ruta)], env)
    assert r.returncode == 0 and "cifrado de nuevo" in r.stdout, r.stdout + r.stderr
    bloque = leer_bytes(ruta.read_bytes()).data["contacto"]["privado"]
    assert descifrar(bloque, nueva) == CONTACTO
    from generator.privacidad.cifrado import ErrorDeCifrado
    with pytest.raises(ErrorDeCifrado):  # the old key no longer reads it
        descifrar(bloque, clave_de_prueba.identidad)


def test_contactos_con_una_clave_que_no_corresponde(tmp_path, env_py):
    import pyrage
    ruta = _ficha(tmp_path)
    escribir_contacto_en_claro(ruta, CONTACTO)
    assert run(["cifrar", str(ruta)], env_py).returncode == 0
    otra = tmp_path / "otra.txt"
    otra.write_text(f"{pyrage.x25519.Identity.generate()}\n", encoding="utf-8")
    r = run(["contactos", "--clave", str(otra), str(tmp_path / "fichas")], env_py)
    assert r.returncode == 1 and "no se puede descifrar con esta clave" in r.stdout
    assert CONTACTO["nombre"] not in r.stdout
    r = run(["contactos", "--clave", str(tmp_path / "no-existe.txt"), str(tmp_path / "fichas")], env_py)
    assert r.returncode == 1 and "No se pudo leer la clave privada" in r.stderr and "Traceback" not in r.stderr


def test_contactos_nunca_se_escriben_dentro_del_repositorio(tmp_path, env_py, clave_de_prueba):
    for destino in ("site/contactos.csv", "docs/contactos.csv", "contactos.csv"):
        r = run(["contactos", "--clave", str(clave_de_prueba.archivo), "--csv", "--salida", destino], env_py)
        assert r.returncode == 2 and "dentro del repositorio" in r.stderr
        assert not (ROOT / destino).exists()


def test_clave_st_guarda_la_privada_fuera_y_agrega_la_publica(tmp_path, env_py):
    lista = tmp_path / "destinatarios.txt"
    lista.write_text("# Anterior\nage1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq\n", encoding="utf-8")
    env = dict(env_py, CATALOGO_DESTINATARIOS=str(lista))
    dentro = run(["clave-st", "--nombre", "ST — Ana", "--archivo", str(ROOT / "clave.txt")], env)
    assert dentro.returncode == 1 and "dentro del repositorio" in dentro.stderr and not (ROOT / "clave.txt").exists()
    archivo = tmp_path / "claves" / "st.txt"
    r = run(["clave-st", "--nombre", "ST — Ana", "--archivo", str(archivo)], env)
    assert r.returncode == 0, r.stderr
    assert (archivo.stat().st_mode & 0o777) == 0o600
    from generator.privacidad.cifrado import leer_identidad
    publica = str(leer_identidad(archivo).to_public())
    destinatarios = leer_destinatarios(lista)
    assert [d.quien for d in destinatarios] == ["Anterior", "ST — Ana"] and destinatarios[-1].clave == publica
    assert run(["clave-st", "--nombre", "otra", "--archivo", str(archivo)], env).returncode == 1  # never overwritten


def test_destinatarios_del_repositorio_son_claves_age():
    destinatarios = leer_destinatarios(ROOT / "schema" / "destinatarios.txt")
    assert destinatarios and all(d.clave.startswith("age1") and d.quien for d in destinatarios)
