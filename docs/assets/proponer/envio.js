/* Sending to the Technical Secretariat without an account anywhere: the file is downloaded and an
 * e-mail opens, its body the record's numbered fields (what fits in a mailto: address), so that a
 * forgotten attachment loses nothing the ST cannot ask again; the sender can keep a readable copy.
 * tests/js/envio.test.mjs. */
import { correo, legible } from "./correo.js";
import { opciones } from "./reglas.js";
import { femenino } from "./estado.js";

export function nombrePais(esquema, codigo) {
  const s = esquema.properties.pais;
  const o = s ? opciones(s).filter((x) => x.valor === codigo)[0] : null;
  return o ? o.etiqueta : (codigo || "");
}

/** {correo: {url, completo, fuera}, asunto, copia: {texto, nombre}, aviso} for an exported record
 * `x` ({datos, nombre, pais}); `cfg` is the page's configuration (estado.js). */
export function prepararEnvio(x, esquema, cfg) {
  const nombre = x.datos[cfg.campoNombre] || x.nombre;
  const asunto = (cfg.carpeta === "fichas" ? "Ficha técnica: " : "Perfil de cooperación: ") + nombrePais(esquema, x.pais) + " — " + nombre;
  const c = correo(x.datos, esquema, {
    para: cfg.correoSt, asunto,
    inicio: "Envío " + cfg.la + " «" + nombre + "», hech" + (femenino(cfg.la) ? "a" : "o") + " con el formulario del catálogo. " +
      "Va adjunto el archivo " + x.nombre + ".yml (adjúntelo antes de enviar: está en su carpeta de descargas).",
    nota: (fuera) => (fuera.length
      ? "Los campos " + fuera.join(", ") + " no caben en este correo: van solo en el archivo adjunto " + x.nombre + ".yml. Si no lo adjunta, la Secretaría Técnica le pedirá esos campos."
      : "Todos los campos van en este correo y en el archivo adjunto."),
  });
  const aviso = "Se descargó " + x.nombre + ".yml y se abrió un correo para la Secretaría Técnica (" + cfg.correoSt +
    ") con el asunto «" + asunto + "»" + (c.completo ? " y todos los campos en el mensaje." : "; los campos " + c.fuera.join(", ") + " no caben en el mensaje y van solo en el archivo.") +
    " Adjunte el archivo descargado y envíe el mensaje.";
  return { correo: c, asunto, aviso, copia: { texto: legible(x.datos, esquema, cfg.titulo + "\n" + asunto), nombre: x.nombre } };
}

/** The readable copy as a Windows-friendly text file's content (BOM, CRLF). */
export function textoDeCopia(texto) {
  return "\ufeff" + texto.replace(/\n/g, "\r\n");
}
