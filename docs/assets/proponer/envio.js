/* Sending to the Technical Secretariat without an account anywhere: the file is downloaded and an
 * e-mail opens, its body the record's numbered fields (what fits in a mailto: address), so that a
 * forgotten attachment loses nothing the ST cannot ask again; the sender can keep a readable copy.
 * tests/js/envio.test.mjs. */
import { correo, legible } from "./correo.js";
import { opciones } from "./reglas.js";
import { tx } from "./textos.js";

export function nombrePais(esquema, codigo) {
  const s = esquema.properties.pais;
  const o = s ? opciones(s).filter((x) => x.valor === codigo)[0] : null;
  return o ? o.etiqueta : (codigo || "");
}

/** {correo: {url, completo, fuera}, asunto, copia: {texto, nombre}, aviso} for an exported record
 * `x` ({datos, nombre, pais}); `cfg` is the page's configuration (estado.js). */
export function prepararEnvio(x, esquema, cfg) {
  const nombre = x.datos[cfg.campoNombre] || x.nombre;
  const archivo = x.nombre + ".yml";
  const asunto = tx("asunto_" + cfg.tipo, { pais: nombrePais(esquema, x.pais), nombre });
  const c = correo(x.datos, esquema, {
    para: cfg.correoSt, asunto,
    inicio: tx("correo_inicio_" + cfg.tipo, { nombre, archivo }),
    nota: (fuera) => (fuera.length ? tx("correo_fuera", { campos: fuera.join(", "), archivo }) : tx("correo_todo")),
  });
  const aviso = tx("aviso_enviado", { archivo, correo: cfg.correoSt, asunto,
    detalle: c.completo ? tx("aviso_completo") : tx("aviso_fuera", { campos: c.fuera.join(", ") }) });
  return { correo: c, asunto, aviso, copia: { texto: legible(x.datos, esquema, cfg.titulo + "\n" + asunto), nombre: x.nombre } };
}

/** The readable copy as a Windows-friendly text file's content (BOM, CRLF). */
export function textoDeCopia(texto) {
  return "\ufeff" + texto.replace(/\n/g, "\r\n");
}
