"""Why an encrypted contact block is not valid, quoted by the validator in the ficha's language
(generator/sobre/comprobacion.py gives a key; schema/idiomas/<código>/sobre.yml its text)."""
from __future__ import annotations

import base64
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT
from generator.esquema import idiomas
from generator.esquema.mensajes import mensaje
from generator.sobre.comprobacion import FIN, INICIO, SobreInvalido, comprobar


def _bloque(carga: bytes) -> str:
    b64 = base64.b64encode(carga).decode()
    return "\n".join([INICIO, *(b64[i:i + 64] for i in range(0, len(b64), 64)), FIN]) + "\n"


CASOS = [  # (block, the key it breaks, its values)
    (_bloque(b"hola\n"), "no_es_age", {}),
    (_bloque(b"age-encryption.org/v1\n-> scrypt c2FsdA 18\n" + b"A" * 43 + b"\n--- " + b"A" * 43 + b"\n"),
     "contrasena", {}),
    (_bloque(b"age-encryption.org/v1\n-> ssh-ed25519 abc\n" + b"A" * 43 + b"\n--- " + b"A" * 43 + b"\n"),
     "otro_tipo", {"tipo": "ssh-ed25519"}),
]


@pytest.mark.parametrize("bloque, clave, valores", CASOS)
def test_cada_motivo_tiene_su_texto_en_cada_idioma(bloque, clave, valores):
    with pytest.raises(SobreInvalido) as err:
        comprobar(bloque)
    assert (err.value.clave, err.value.valores) == (clave, valores)
    textos = set()
    for idioma in idiomas.disponibles():
        textos.add(idiomas.texto(f"sobre.{clave}", idioma))
    assert len(textos) == len(idiomas.disponibles())  # translated, not the Spanish fallback


@pytest.mark.parametrize("idioma", idiomas.disponibles())
def test_el_validador_lo_dice_en_el_idioma_de_la_ficha(tmp_path, env_py, idioma):
    data = yaml.safe_load((ROOT / "fichas" / "bra" / "comigrar.yml").read_text(encoding="utf-8"))
    data["idioma"] = idioma
    bloque, clave, valores = CASOS[1]
    data["contacto"]["privado"] = bloque
    ruta = tmp_path / "fichas" / "bra" / "comigrar.yml"
    ruta.parent.mkdir(parents=True)
    ruta.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "generator", "validate", str(ruta)], cwd=ROOT, env=env_py,
                       capture_output=True, text=True, timeout=120)
    with idiomas.en(idioma):
        esperado = mensaje("cifrado_no_valido", error=idiomas.t(f"sobre.{clave}", **valores))
    assert r.returncode == 1 and esperado in r.stdout, r.stdout + r.stderr
