/* The draft kept in this browser while the person writes (localStorage, or any object with the
 * same three methods): saved, recovered, discarded. tests/js/borrador.test.mjs. */
import { idioma, tx } from "./textos.js";

export function guardarBorrador(almacen, clave, datos, nombre, fecha) {
  try {
    almacen.setItem(clave, JSON.stringify({ datos, nombre: nombre || "", fecha: fecha.toISOString() }));
    return true;
  } catch (e) {
    return false;  // private mode or full: the form still works
  }
}

/** The saved draft ({datos, nombre, fecha}) or null: nothing saved, unreadable, or without data. */
export function leerBorrador(almacen, clave) {
  let guardado = null;
  try { guardado = JSON.parse(almacen.getItem(clave) || "null"); } catch (e) { guardado = null; }
  return guardado && guardado.datos && typeof guardado.datos === "object" ? guardado : null;
}

export function descartarBorrador(almacen, clave) {
  try { almacen.removeItem(clave); } catch (e) { /* nothing stored */ }
}

/** What the page says after recovering a draft. */
export function avisoRecuperado(fecha) {
  const cuando = new Date(fecha);
  return tx("recuperado", { cuando: isNaN(cuando) ? "" : tx("recuperado_cuando", { fecha: cuando.toLocaleString(idioma()) }) });
}
