/* The form's rendering: every field built from the schema (labels, instructions, limits,
 * conditions), read back into data in the schema's order, and the problems shown beside each
 * field and in a summary. Text typed by a person is only ever set as textContent or a form value,
 * never as HTML. The pure decisions are exported and tested with node --test (tests/js/pintado.test.mjs);
 * the DOM itself is proven in Chromium (tests/test_proponer.py). */
import { condiciones as leerCondiciones, esNum, fechaIso, opciones, palabras, problemas as problemasDe,
  rotulo as rotuloEn, sinComillas, slug, sub as subEn, vacio } from "./reglas.js";
import { bloquesDe } from "./estado.js";
import { tx } from "./textos.js";

/** The id of a field's element: ["productos", 0, "url"] → "f-productos__0__url". */
export function idDe(path) { return "f-" + path.join("__"); }

/** The label shown for a field: its title, «n.º 2» for an entry of a list, a part's own name. */
export function etiquetaDe(s, path, requerido) {
  const ultimo = path[path.length - 1];
  let t;
  if (esNum(ultimo)) t = tx("numero", { n: ultimo + 1 });                                  // an entry of a list
  else if (path.length > 1 && esNum(path[path.length - 2])) t = (s.title || ultimo).split(" — ").pop(); // a part of an entry
  else t = s.title || ultimo;
  return t + (requerido ? " " + tx("obligatorio") : "");
}

/** aria-describedby: the instruction (not for an entry of a list), the word counter, the error. */
export function describir(path, conContador) {
  const ids = esNum(path[path.length - 1]) ? [] : [idDe(path) + "-ayuda"];
  if (conContador) ids.push(idDe(path) + "-contador");
  ids.push(idDe(path) + "-error");
  return ids.join(" ");
}

/** Which control a schema node becomes: casillas, lista, objeto, opciones, numero or texto. */
export function tipoDeCampo(s) {
  if (s.type === "array" && s.items && s.items.enum) return "casillas";
  if (s.type === "array") return "lista";
  if (s.type === "object") return "objeto";
  if (s.enum) return "opciones";
  if (s.type === "integer") return "numero";
  return "texto";
}

/** Where a problem goes in the page's order: the position of its field, or of the nearest
 * enclosing one; problems of unknown places last. */
export function posicion(orden, path) {
  for (let n = path.length; n > 0; n--) {
    const i = orden.indexOf(JSON.stringify(path.slice(0, n)));
    if (i >= 0) return i;
  }
  return 1e9;
}

/** The page's form: {pintar, leer, comprobar, limpiarErrores}. `ctx`: {doc, form, esquema, validar
 * (reglas.compilar), grupos (reglas.cifrados), cfg (estado.configuracion), estado (estado.nuevoEstado),
 * alCambiar (called after a list changes)}. */
export function crearFormulario(ctx) {
  var doc = ctx.doc, form = ctx.form, esquema = ctx.esquema, validar = ctx.validar, grupos = ctx.grupos;
  var cfg = ctx.cfg, estado = ctx.estado, alCambiar = ctx.alCambiar;
  var $ = function (id) { return doc.getElementById(id); };
  // private sub-fields ("x-privado") are never published; internal fields ("x-interno") are the
  // Technical Secretariat's: both are read from the schema, generated from schema/campos.yml
  function interno(k) { return !!(esquema.properties[k] || {})["x-interno"]; }
  // "otro" conditions, read from the schema's if/then: tema_otro shows when temas has "otro"
  var condiciones = leerCondiciones(esquema);

  // ---- helpers ----
  function el(tag, attrs, hijos) {
    var e = doc.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] === false || attrs[k] == null) return;
      if (k === "text") e.textContent = attrs[k];
      else if (k === "className") e.className = attrs[k];
      else e.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
    });
    (hijos || []).forEach(function (h) { if (h) e.appendChild(h); });
    return e;
  }
  function rotulo(path) { return rotuloEn(esquema, path); }
  // ---- rendering, from the schema ----
  function ayuda(s, path, extra) {
    var partes = [s.description || ""];
    if (s["x-privado"]) partes.push(tx("privado", { la: cfg.la }));
    if (extra) partes.push(extra);
    return el("p", { className: "proponer-ayuda", id: idDe(path) + "-ayuda", text: partes.join(" ").trim() });
  }
  function contador(s, path) {
    if (!s["x-max-palabras"]) return null;
    return el("p", { className: "proponer-contador", id: idDe(path) + "-contador", "data-max": s["x-max-palabras"] });
  }
  function actualizarContador(input, c) {
    c = c || $(input.id + "-contador");
    if (!c) return;
    var n = palabras(input.value), max = +c.dataset.max;
    c.textContent = tx("contador", { n, maximo: max }) + (n > max ? tx("sobran", { n: n - max }) : "");
    c.classList.toggle("excedido", n > max);
  }
  function errorP(path) { return el("p", { className: "proponer-error", id: idDe(path) + "-error", hidden: true }); }

  function campoTexto(s, path, valor, requerido) {
    // an address, a link or a date is one line, with the phone keyboard (or date picker) for it
    var linea = s.format === "email" || s.format === "uri" || s.format === "date";
    var largo = !linea && (!s["x-max-palabras"] || s["x-max-palabras"] > 40 || (typeof valor === "string" && valor.indexOf("\n") >= 0));
    var attrs = { id: idDe(path), name: idDe(path), "data-path": JSON.stringify(path),
      "aria-describedby": describir(path, !!s["x-max-palabras"]), "aria-required": requerido ? "true" : false };
    var input;
    if (largo) {
      attrs.rows = s["x-max-palabras"] > 120 || !s["x-max-palabras"] ? 8 : 4;
      input = el("textarea", attrs);
    } else {
      attrs.type = s.format === "email" ? "email" : s.format === "date" ? "date" : s.format === "uri" ? "url" : "text";
      if (s.format === "email") attrs.autocomplete = "off";
      if (s.format === "date" && valor) {  // 15/03/2024 is understood; what is not a date stays as typed
        valor = fechaIso(valor) || valor;
        if (!fechaIso(valor)) attrs.type = "text";
      }
      input = el("input", attrs);
    }
    input.value = valor == null ? "" : String(valor);
    var cuenta = contador(s, path), enLista = esNum(path[path.length - 1]);
    if (enLista) input.setAttribute("aria-label", rotulo(path));
    var caja = el("div", { className: "proponer-campo" }, [
      el("label", { "for": idDe(path), text: etiquetaDe(s, path, requerido) }), enLista ? null : ayuda(s, path), input, cuenta, errorP(path)]);
    if (cuenta) { input.addEventListener("input", function () { actualizarContador(input, cuenta); }); actualizarContador(input, cuenta); }
    return caja;
  }
  function campoNumero(s, path, valor, requerido) {
    var input = el("input", { id: idDe(path), name: idDe(path), type: "text", inputmode: "numeric", "data-path": JSON.stringify(path),
      "data-tipo": "entero", "aria-describedby": describir(path, false), "aria-required": requerido ? "true" : false, size: 6 });
    input.value = valor == null ? "" : String(valor);
    return el("div", { className: "proponer-campo" }, [
      el("label", { "for": idDe(path), text: etiquetaDe(s, path, requerido) }), ayuda(s, path), input, errorP(path)]);
  }
  function campoSelect(s, path, valor, requerido) {
    var sel = el("select", { id: idDe(path), name: idDe(path), "data-path": JSON.stringify(path),
      "aria-describedby": describir(path, false), "aria-required": requerido ? "true" : false },
      [el("option", { value: "", text: tx("elija_opcion") })].concat(opciones(s).map(function (o) {
        return el("option", { value: o.valor, text: path[0] === "pais" ? o.etiqueta + " (" + o.valor + ")" : o.etiqueta });
      })));
    sel.value = valor == null ? "" : valor;
    return el("div", { className: "proponer-campo" }, [
      el("label", { "for": idDe(path), text: etiquetaDe(s, path, requerido) }), ayuda(s, path), sel, errorP(path)]);
  }
  function campoCasillas(s, path, valor, requerido) {
    var elegidos = Array.isArray(valor) ? valor : [];
    var lista = el("div", { className: "proponer-casillas" }, opciones(s).map(function (o, i) {
      var id = idDe(path) + "--" + i;
      var c = el("input", { type: "checkbox", id: id, value: o.valor, name: idDe(path) });
      c.checked = elegidos.indexOf(o.valor) >= 0;
      return el("div", { className: "proponer-casilla" }, [c, el("label", { "for": id, text: o.etiqueta })]);
    }));
    var fs = el("fieldset", { className: "proponer-grupo", id: idDe(path), tabindex: "-1", "data-path": JSON.stringify(path),
      "data-tipo": "casillas", "aria-describedby": describir(path, false) }, [
      el("legend", { text: etiquetaDe(s, path, requerido) }), ayuda(s, path), lista, errorP(path)]);
    // the order the person chose (or the imported order) is kept: export changes nothing it need not
    var validos = opciones(s).map(function (o) { return o.valor; });
    var orden = elegidos.filter(function (v, i) { return validos.indexOf(v) >= 0 && elegidos.indexOf(v) === i; });
    fs.dataset.orden = JSON.stringify(orden);
    fs.addEventListener("change", function (ev) {
      var o = JSON.parse(fs.dataset.orden).filter(function (v) { return v !== ev.target.value; });
      if (ev.target.checked) o.push(ev.target.value);
      fs.dataset.orden = JSON.stringify(o);
    });
    return fs;
  }
  function campoObjeto(s, path, valor, requerido) {
    var v = valor && typeof valor === "object" ? valor : {};
    var grupo = grupos[path[0]] && path.length === 1 ? grupos[path[0]] : null;
    var req = (s.required || []).concat(grupo && !estado.bloques[path[0]] ? grupo.contenido.required || [] : []);
    var aviso = grupo && estado.bloques[path[0]] ? el("p", { className: "proponer-ayuda proponer-cifrado",
      text: tx("ya_cifrado_" + cfg.tipo) }) : null;
    return el("fieldset", { className: "proponer-grupo", id: idDe(path), tabindex: "-1", "data-path": JSON.stringify(path),
      "aria-describedby": describir(path, false) }, [
      el("legend", { text: etiquetaDe(s, path, requerido) }), ayuda(s, path), aviso]
      .concat(Object.keys(s.properties).filter(function (k) { return !s.properties[k]["x-cifrado"]; }).map(function (k) {
        return campo(subEn(esquema, path.concat(k)), path.concat(k), v[k], req.indexOf(k) >= 0);
      }))
      .concat([errorP(path)]));
  }
  function campoLista(s, path, valor, requerido) {
    var items = Array.isArray(valor) && valor.length ? valor : [s.items.type === "object" ? {} : ""];
    var caja = el("fieldset", { className: "proponer-grupo proponer-lista", id: idDe(path), tabindex: "-1",
      "data-path": JSON.stringify(path), "data-tipo": "lista", "aria-describedby": describir(path, false) },
      [el("legend", { text: etiquetaDe(s, path, requerido) }), ayuda(s, path, tx("agregue_elementos"))]);
    var cont = el("div", { className: "proponer-elementos" });
    caja.appendChild(cont);
    function pintar(vals) {
      cont.textContent = "";
      vals.forEach(function (v, i) {
        var p = path.concat(i);
        var cuerpo = s.items.type === "object" ? campoObjetoItem(s.items, p, v) : campoTexto(s.items, p, v, false);
        var quitar = el("button", { type: "button", className: "md-button proponer-quitar",
          text: tx("quitar"), "aria-label": tx("quitar_aria", { rotulo: rotulo(p) }) });
        quitar.addEventListener("click", function () {
          var actuales = leerLista(s, path, true);
          actuales.splice(i, 1);
          pintar(actuales.length ? actuales : [s.items.type === "object" ? {} : ""]);
          var siguiente = cont.querySelector("input, textarea, select");
          if (siguiente) siguiente.focus();
          alCambiar();
        });
        cont.appendChild(el("div", { className: "proponer-elemento", "data-indice": i }, [cuerpo, quitar]));
      });
      cont.dataset.n = vals.length;
    }
    pintar(items);
    var agregar = el("button", { type: "button", className: "md-button", text: tx("agregar"),
      "aria-label": tx("agregar_aria", { campo: s.title || path[0] }) });
    agregar.addEventListener("click", function () {
      var actuales = leerLista(s, path, true);
      actuales.push(s.items.type === "object" ? {} : "");
      pintar(actuales);
      var ultimo = cont.lastElementChild.querySelector("input, textarea, select");
      if (ultimo) ultimo.focus();
    });
    caja.appendChild(el("p", {}, [agregar]));
    caja.appendChild(errorP(path));
    return caja;
  }
  function campoObjetoItem(s, path, valor) {
    var v = valor && typeof valor === "object" ? valor : {};
    var req = s.required || [];
    // "archivo" names a file already in the repository: shown only for imported fichas that use it;
    // from the form, documents and products are given by their address (url)
    var claves = Object.keys(s.properties).filter(function (k) { return k !== "archivo" || !vacio(v.archivo); });
    return el("fieldset", { className: "proponer-item", id: idDe(path), tabindex: "-1", "data-path": JSON.stringify(path),
      "aria-describedby": idDe(path) + "-error" },
      [el("legend", { text: tx("numero", { n: path[path.length - 1] + 1 }) })]
      .concat(claves.map(function (k) { return campo(s.properties[k], path.concat(k), v[k], req.indexOf(k) >= 0); }))
      .concat([errorP(path)]));
  }
  var CONSTRUCTORES = { casillas: campoCasillas, lista: campoLista, objeto: campoObjeto, opciones: campoSelect,
    numero: campoNumero, texto: campoTexto };
  function campo(s, path, valor, requerido) {
    return CONSTRUCTORES[tipoDeCampo(s)](s, path, valor, requerido);
  }

  function pintarFormulario(datos, nombre) {
    datos = datos || {};
    estado.extras = {};
    estado.bloques = bloquesDe(grupos, datos);
    form.textContent = "";
    var req = esquema.required || [];
    var actual = null, fs = null;
    Object.keys(esquema.properties).forEach(function (k) {
      if (interno(k)) { if (k in datos) estado.extras[k] = datos[k]; return; }
      var s = esquema.properties[k];
      var m = /^\((\d+)\./.exec(s.title || "");
      var sec = m ? m[1] : "extra";
      if (sec !== actual) {
        actual = sec;
        fs = el("section", { className: "proponer-seccion", "aria-labelledby": "sec-" + sec }, [
          el("h2", { id: "sec-" + sec, text: cfg.secciones[sec] || tx("seccion_extra") })]);
        form.appendChild(fs);
      }
      var nodo = campo(s, [k], datos[k], req.indexOf(k) >= 0);
      if (condiciones[k]) nodo.dataset.condicion = k;
      fs.appendChild(nodo);
    });
    // the file name: from the title unless the person wrote one
    var nombreInput = el("input", { id: "f-nombre-archivo", type: "text", "aria-describedby": "f-nombre-archivo-ayuda f-nombre-archivo-error",
      "data-path": JSON.stringify(["nombre-archivo"]), autocomplete: "off", spellcheck: "false" });
    estado.nombreManual = !!nombre;
    nombreInput.value = nombre || slug(datos[cfg.campoNombre] || "");
    nombreInput.addEventListener("input", function () { estado.nombreManual = nombreInput.value !== ""; });
    form.appendChild(el("section", { className: "proponer-seccion", "aria-labelledby": "sec-archivo" }, [
      el("h2", { id: "sec-archivo", text: tx("archivo") }),
      el("div", { className: "proponer-campo" }, [
        el("label", { "for": "f-nombre-archivo", text: tx("nombre_archivo_obligatorio") }),
        el("p", { className: "proponer-ayuda", id: "f-nombre-archivo-ayuda",
          text: tx("nombre_archivo_ayuda_" + cfg.tipo) }),
        nombreInput, el("p", { className: "proponer-error", id: "f-nombre-archivo-error", hidden: true })])]));
    var titulo = $(idDe([cfg.campoNombre]));
    titulo.addEventListener("input", function () { if (!estado.nombreManual) nombreInput.value = slug(titulo.value); });
    Object.keys(condiciones).forEach(function (k) {
      var base = $(idDe([condiciones[k].base]));
      base.addEventListener("change", mostrarCondicionales);
    });
    mostrarCondicionales();
  }
  function mostrarCondicionales() {
    Object.keys(condiciones).forEach(function (k) {
      var c = condiciones[k];
      var marcada = form.querySelector("#" + idDe([c.base]) + " input[value='" + c.valor + "']");
      var nodo = form.querySelector("[data-condicion='" + k + "']");
      if (nodo) nodo.hidden = !(marcada && marcada.checked);
    });
  }

  // ---- reading the form back into data, in the schema's order ----
  function leerValor(s, path, crudo) {
    if (s.type === "array" && s.items && s.items.enum) {
      var fs = $(idDe(path));
      var marcadas = Array.prototype.filter.call(fs.querySelectorAll("input[type=checkbox]"), function (c) { return c.checked; })
        .map(function (c) { return c.value; });
      var orden = JSON.parse(fs.dataset.orden || "[]").filter(function (v) { return marcadas.indexOf(v) >= 0; });
      return orden.concat(marcadas.filter(function (v) { return orden.indexOf(v) < 0; }));
    }
    if (s.type === "array") return leerLista(s, path, crudo);
    if (s.type === "object") return leerObjeto(s, path, crudo);
    var e = $(idDe(path));
    if (!e) return undefined;
    if (e.tagName === "INPUT" && s.type === "string") {  // one line: typed quotes around it are not the text
      var v = sinComillas(e.value);
      return s.format === "date" ? fechaIso(v) || v : v;
    }
    if (s.type === "integer") {
      var t = e.value.trim();
      return /^-?\d+$/.test(t) ? parseInt(t, 10) : t;
    }
    return e.value;
  }
  function leerObjeto(s, path, crudo) {
    var out = {};
    Object.keys(s.properties).forEach(function (k) {
      var v = leerValor(s.properties[k], path.concat(k), crudo);
      if (crudo ? v !== undefined : !vacio(v)) out[k] = v;
    });
    return out;
  }
  function leerLista(s, path, crudo) {
    var cont = doc.querySelector("#" + idDe(path) + " > .proponer-elementos");
    var n = cont ? +cont.dataset.n : 0, out = [];
    for (var i = 0; i < n; i++) {
      var v = s.items.type === "object" ? leerObjeto(s.items, path.concat(i), crudo) : leerValor(s.items, path.concat(i), crudo);
      if (crudo || !vacio(v)) out.push(v);
    }
    return out;
  }
  function leer() {
    var datos = {};
    Object.keys(esquema.properties).forEach(function (k) {
      if (interno(k)) { if (k in estado.extras) datos[k] = estado.extras[k]; return; }
      var nodo = form.querySelector("[data-condicion='" + k + "']");
      if (nodo && nodo.hidden) return;
      var v = leerValor(esquema.properties[k], [k], false);
      if (grupos[k] && estado.bloques[k] && v && typeof v === "object") v[grupos[k].bloque] = estado.bloques[k];
      // a required group is kept even when empty, so each missing part is named
      if (!vacio(v) || (esquema.properties[k].type === "object" && (esquema.required || []).indexOf(k) >= 0)) datos[k] = v;
    });
    return datos;
  }

  // ---- messages: the field by its form label, and what to do (rules in reglas.js) ----
  function problemas(datos) {
    var lista = problemasDe(esquema, validar, datos, $("f-nombre-archivo").value);
    var orden = Array.prototype.map.call(form.querySelectorAll("[data-path]"), function (e) { return e.dataset.path; });
    lista.sort(function (a, b) { return posicion(orden, a.path) - posicion(orden, b.path); });
    return lista;
  }
  function elementoDe(path) {
    for (var n = path.length; n > 0; n--) {
      var e = doc.getElementById(idDe(path.slice(0, n))) || (path[0] === "nombre-archivo" ? $("f-nombre-archivo") : null);
      if (e && !e.closest("[hidden]")) return e;
    }
    return form;
  }
  function limpiarErrores() {
    form.querySelectorAll(".proponer-error").forEach(function (p) { p.hidden = true; p.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(function (e) { e.removeAttribute("aria-invalid"); });
    $("proponer-errores").hidden = true;
    $("proponer-errores").textContent = "";
  }
  function mostrarErrores(lista) {
    limpiarErrores();
    if (!lista.length) return;
    var resumen = $("proponer-errores");
    var ul = el("ul");
    lista.forEach(function (p) {
      var objetivo = elementoDe(p.path);
      var etiqueta = p.etiqueta;
      var texto = etiqueta + ": " + p.texto;
      var errP = doc.getElementById(objetivo.id + "-error");
      if (errP) { errP.hidden = false; errP.textContent = (errP.textContent ? errP.textContent + " " : "") + texto; }
      if (objetivo !== form) objetivo.setAttribute("aria-invalid", "true");
      var a = el("a", { href: "#" + objetivo.id, text: texto });
      a.addEventListener("click", function (ev) { ev.preventDefault(); enfocar(objetivo); });
      ul.appendChild(el("li", {}, [a]));
    });
    resumen.appendChild(el("h2", { text: tx(lista.length === 1 ? "problemas_titulo_uno" : "problemas_titulo_varios", { n: lista.length }) }));
    resumen.appendChild(ul);
    resumen.hidden = false;
  }
  function enfocar(e) {
    var destino = e.matches("input, textarea, select") ? e : e.querySelector("input, textarea, select") || e;
    destino.focus();
    destino.scrollIntoView({ block: "center" });
  }
  function comprobar(enfocarPrimero) {
    var datos = leer();
    var lista = problemas(datos);
    mostrarErrores(lista);
    if (lista.length && enfocarPrimero) enfocar(elementoDe(lista[0].path));
    return { datos: datos, lista: lista };
  }

  return { pintar: pintarFormulario, leer: leer, comprobar: comprobar, limpiarErrores: limpiarErrores, rotulo: rotulo };
}
