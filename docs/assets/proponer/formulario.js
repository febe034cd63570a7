/* /proponer/ and /proponer-perfil/: a record's form generated from its schema (inlined in the page).
 * The page says which kind of record it is (data-registro, data-carpeta, data-campo-nombre…).
 * Every field, label, instruction, vocabulary, condition and limit comes from the schema;
 * the same schema validates in the browser (Ajv, draft 2020-12) as in CI. This module is the
 * page: the rules live in reglas.js and the YAML writer in yaml.js, both tested with node --test.
 * Text typed by a person is only ever set as textContent or a form value, never as HTML. */
import { SLUG_RE, cifrados, compilar, condiciones as leerCondiciones, esNum, fechaIso, opciones, palabras,
  problemas as problemasDe, rotulo as rotuloEn, separar, sinComillas, slug, sub as subEn, vacio } from "./reglas.js";
import { aYaml as escribirYaml } from "./yaml.js";
import { correo as prepararCorreo, legible } from "./correo.js";

(function () {
  "use strict";
  var raiz = document.getElementById("proponer");
  if (!raiz) return;
  var D = window.CatalogoDeps;
  var $ = function (id) { return document.getElementById(id); };
  if (!D) {
    $("proponer-aviso").textContent = "No se pudo cargar el formulario. Recargue la página o use la plantilla de /contribuir/.";
    return;
  }

  var esquema = JSON.parse($("proponer-esquema").textContent);
  var secciones = JSON.parse(raiz.dataset.secciones);
  var REPO = raiz.dataset.repo;
  var MODELO = raiz.dataset.modelo;
  var CARPETA = raiz.dataset.carpeta || "fichas";            // where the file goes in the repository
  var CAMPO_NOMBRE = raiz.dataset.campoNombre || "titulo";    // the file's name is made from this field
  var LA = raiz.dataset.registro || "la ficha";               // «la ficha», «el perfil»: how messages name it
  var TITULO = raiz.dataset.titulo || "Ficha técnica";
  var BORRADOR = "catalogo-csm:proponer:" + (CARPETA === "fichas" ? "" : CARPETA + ":") + "borrador:v1";
  function mayuscula(s) { return s.charAt(0).toUpperCase() + s.slice(1); }
  // private sub-fields ("x-privado") are never published; internal fields ("x-interno") are the
  // Technical Secretariat's: both are read from the schema, generated from schema/campos.yml
  function interno(k) { return !!(esquema.properties[k] || {})["x-interno"]; }
  var form = $("proponer-form");
  var extras = {};          // imported keys the form does not show (demostracion), kept as they were
  var bloques = {};         // imported encrypted blocks (contacto.privado), kept unless the contact is typed again
  var GRUPOS = cifrados(esquema);
  var DESTINATARIOS = JSON.parse(raiz.dataset.destinatarios || "[]");
  // age is loaded once the form is on screen (its own bundle): the first view does not wait for it
  var ageListo = null;
  function cargarAge() {
    if (!ageListo) ageListo = import(new URL("../vendor/age.js", import.meta.url).href);
    return ageListo;
  }
  var nombreManual = false; // the file name follows the title until the person edits it

  // ---- validation: Ajv 2020 with formats; the schema's annotations are known keywords ----
  var ajv = new D.Ajv2020({ allErrors: true, strict: false });
  D.addFormats(ajv);
  var validarEsquema = compilar(ajv, esquema);

  // "otro" conditions, read from the schema's if/then: tema_otro shows when temas has "otro"
  var condiciones = leerCondiciones(esquema);

  // ---- helpers ----
  function el(tag, attrs, hijos) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] === false || attrs[k] == null) return;
      if (k === "text") e.textContent = attrs[k];
      else if (k === "className") e.className = attrs[k];
      else e.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
    });
    (hijos || []).forEach(function (h) { if (h) e.appendChild(h); });
    return e;
  }
  function idDe(path) { return "f-" + path.join("__"); }
  function rotulo(path) { return rotuloEn(esquema, path); }
  // ---- rendering, from the schema ----
  function ayuda(s, path, extra) {
    var partes = [s.description || ""];
    if (s["x-privado"]) partes.push("Al exportar " + LA + " se cifra para la Secretaría Técnica, la única que puede leerlo; el borrador que este navegador guarda mientras escribe lo conserva sin cifrar en este equipo.");
    if (extra) partes.push(extra);
    return el("p", { className: "proponer-ayuda", id: idDe(path) + "-ayuda", text: partes.join(" ").trim() });
  }
  function etiquetaDe(s, path, requerido) {
    var ultimo = path[path.length - 1], t;
    if (esNum(ultimo)) t = "n.º " + (ultimo + 1);                                  // an entry of a list
    else if (path.length > 1 && esNum(path[path.length - 2])) t = (s.title || ultimo).split(" — ").pop(); // a part of an entry
    else t = s.title || ultimo;
    return t + (requerido ? " (obligatorio)" : "");
  }
  function contador(s, path) {
    if (!s["x-max-palabras"]) return null;
    return el("p", { className: "proponer-contador", id: idDe(path) + "-contador", "data-max": s["x-max-palabras"] });
  }
  function actualizarContador(input, c) {
    c = c || $(input.id + "-contador");
    if (!c) return;
    var n = palabras(input.value), max = +c.dataset.max;
    c.textContent = n + " / " + max + " palabras" + (n > max ? ": sobran " + (n - max) + "." : "");
    c.classList.toggle("excedido", n > max);
  }
  function describir(path, conContador) {
    var ids = esNum(path[path.length - 1]) ? [] : [idDe(path) + "-ayuda"];
    if (conContador) ids.push(idDe(path) + "-contador");
    ids.push(idDe(path) + "-error");
    return ids.join(" ");
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
      [el("option", { value: "", text: "— Elija una opción —" })].concat(opciones(s).map(function (o) {
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
    var grupo = GRUPOS[path[0]] && path.length === 1 ? GRUPOS[path[0]] : null;
    var req = (s.required || []).concat(grupo && !bloques[path[0]] ? grupo.contenido.required || [] : []);
    var aviso = grupo && bloques[path[0]] ? el("p", { className: "proponer-ayuda proponer-cifrado",
      text: mayuscula(LA.replace(/^la /, "esta ").replace(/^el /, "este ")) + " ya trae estos datos cifrados para la Secretaría Técnica: deje vacíos los campos que no se publican para conservarlos, o complételos todos para reemplazarlos." }) : null;
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
      [el("legend", { text: etiquetaDe(s, path, requerido) }), ayuda(s, path, "Agregue tantos elementos como necesite.")]);
    var cont = el("div", { className: "proponer-elementos" });
    caja.appendChild(cont);
    function pintar(vals) {
      cont.textContent = "";
      vals.forEach(function (v, i) {
        var p = path.concat(i);
        var cuerpo = s.items.type === "object" ? campoObjetoItem(s.items, p, v) : campoTexto(s.items, p, v, false);
        var quitar = el("button", { type: "button", className: "md-button proponer-quitar",
          text: "Quitar", "aria-label": "Quitar " + rotulo(p) });
        quitar.addEventListener("click", function () {
          var actuales = leerLista(s, path, true);
          actuales.splice(i, 1);
          pintar(actuales.length ? actuales : [s.items.type === "object" ? {} : ""]);
          var siguiente = cont.querySelector("input, textarea, select");
          if (siguiente) siguiente.focus();
          guardarLuego();
        });
        cont.appendChild(el("div", { className: "proponer-elemento", "data-indice": i }, [cuerpo, quitar]));
      });
      cont.dataset.n = vals.length;
    }
    pintar(items);
    var agregar = el("button", { type: "button", className: "md-button", text: "Agregar otro elemento",
      "aria-label": "Agregar otro elemento a " + (s.title || path[0]) });
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
      [el("legend", { text: "n.º " + (path[path.length - 1] + 1) })]
      .concat(claves.map(function (k) { return campo(s.properties[k], path.concat(k), v[k], req.indexOf(k) >= 0); }))
      .concat([errorP(path)]));
  }
  function campo(s, path, valor, requerido) {
    if (s.type === "array" && s.items && s.items.enum) return campoCasillas(s, path, valor, requerido);
    if (s.type === "array") return campoLista(s, path, valor, requerido);
    if (s.type === "object") return campoObjeto(s, path, valor, requerido);
    if (s.enum) return campoSelect(s, path, valor, requerido);
    if (s.type === "integer") return campoNumero(s, path, valor, requerido);
    return campoTexto(s, path, valor, requerido);
  }

  function pintarFormulario(datos, nombre) {
    datos = datos || {};
    extras = {};
    bloques = {};
    Object.keys(GRUPOS).forEach(function (k) {
      var b = datos[k] && datos[k][GRUPOS[k].bloque];
      if (typeof b === "string" && b) bloques[k] = b;
    });
    form.textContent = "";
    var req = esquema.required || [];
    var actual = null, fs = null;
    Object.keys(esquema.properties).forEach(function (k) {
      if (interno(k)) { if (k in datos) extras[k] = datos[k]; return; }
      var s = esquema.properties[k];
      var m = /^\((\d+)\./.exec(s.title || "");
      var sec = m ? m[1] : "extra";
      if (sec !== actual) {
        actual = sec;
        fs = el("section", { className: "proponer-seccion", "aria-labelledby": "sec-" + sec }, [
          el("h2", { id: "sec-" + sec, text: secciones[sec] || "Datos en el catálogo" })]);
        form.appendChild(fs);
      }
      var nodo = campo(s, [k], datos[k], req.indexOf(k) >= 0);
      if (condiciones[k]) nodo.dataset.condicion = k;
      fs.appendChild(nodo);
    });
    // the file name: from the title unless the person wrote one
    var nombreInput = el("input", { id: "f-nombre-archivo", type: "text", "aria-describedby": "f-nombre-archivo-ayuda f-nombre-archivo-error",
      "data-path": JSON.stringify(["nombre-archivo"]), autocomplete: "off", spellcheck: "false" });
    nombreManual = !!nombre;
    nombreInput.value = nombre || slug(datos[CAMPO_NOMBRE] || "");
    nombreInput.addEventListener("input", function () { nombreManual = nombreInput.value !== ""; });
    form.appendChild(el("section", { className: "proponer-seccion", "aria-labelledby": "sec-archivo" }, [
      el("h2", { id: "sec-archivo", text: "Archivo" }),
      el("div", { className: "proponer-campo" }, [
        el("label", { "for": "f-nombre-archivo", text: "Nombre del archivo (obligatorio)" }),
        el("p", { className: "proponer-ayuda", id: "f-nombre-archivo-ayuda",
          text: "Se forma con " + (CAMPO_NOMBRE === "titulo" ? "el título" : "el nombre de la institución") + ": solo minúsculas sin tildes, números y guiones. Será parte de la dirección pública de " + LA + "." }),
        nombreInput, el("p", { className: "proponer-error", id: "f-nombre-archivo-error", hidden: true })])]));
    var titulo = $(idDe([CAMPO_NOMBRE]));
    titulo.addEventListener("input", function () { if (!nombreManual) nombreInput.value = slug(titulo.value); });
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
    var cont = document.querySelector("#" + idDe(path) + " > .proponer-elementos");
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
      if (interno(k)) { if (k in extras) datos[k] = extras[k]; return; }
      var nodo = form.querySelector("[data-condicion='" + k + "']");
      if (nodo && nodo.hidden) return;
      var v = leerValor(esquema.properties[k], [k], false);
      if (GRUPOS[k] && bloques[k] && v && typeof v === "object") v[GRUPOS[k].bloque] = bloques[k];
      // a required group is kept even when empty, so each missing part is named
      if (!vacio(v) || (esquema.properties[k].type === "object" && (esquema.required || []).indexOf(k) >= 0)) datos[k] = v;
    });
    return datos;
  }

  // ---- messages: the field by its form label, and what to do (rules in reglas.js) ----
  function problemas(datos) {
    var lista = problemasDe(esquema, validarEsquema, datos, $("f-nombre-archivo").value);
    var orden = Array.prototype.map.call(form.querySelectorAll("[data-path]"), function (e) { return e.dataset.path; });
    lista.sort(function (a, b) { return posicion(orden, a.path) - posicion(orden, b.path); });
    return lista;
  }
  function posicion(orden, path) {
    for (var n = path.length; n > 0; n--) {
      var i = orden.indexOf(JSON.stringify(path.slice(0, n)));
      if (i >= 0) return i;
    }
    return 1e9;
  }
  function elementoDe(path) {
    for (var n = path.length; n > 0; n--) {
      var e = document.getElementById(idDe(path.slice(0, n))) || (path[0] === "nombre-archivo" ? $("f-nombre-archivo") : null);
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
      var errP = document.getElementById(objetivo.id + "-error");
      if (errP) { errP.hidden = false; errP.textContent = (errP.textContent ? errP.textContent + " " : "") + texto; }
      if (objetivo !== form) objetivo.setAttribute("aria-invalid", "true");
      var a = el("a", { href: "#" + objetivo.id, text: texto });
      a.addEventListener("click", function (ev) { ev.preventDefault(); enfocar(objetivo); });
      ul.appendChild(el("li", {}, [a]));
    });
    resumen.appendChild(el("h2", { text: lista.length === 1 ? "Hay 1 problema que corregir" : "Hay " + lista.length + " problemas que corregir" }));
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

  // ---- YAML that PyYAML (YAML 1.1) reads back exactly as typed (yaml.js) ----
  function aYaml(datos) {
    return escribirYaml(datos, esquema, [MODELO, "# " + TITULO + ".",
      "# Escrita con el formulario del catálogo."]);
  }

  // ---- export ----
  var estado = $("proponer-estado");
  // the private sub-fields, encrypted to the ST's keys: what leaves this page never holds them in plaintext
  function sellar(datos) {
    var partes = separar(esquema, datos), publicos = partes.publicos;
    var pendientes = Object.keys(partes.privados).filter(function (k) { return Object.keys(partes.privados[k]).length; });
    if (!pendientes.length) return Promise.resolve(publicos);
    if (!DESTINATARIOS.length) return Promise.reject(new Error("El catálogo no tiene configuradas las claves de la Secretaría Técnica."));
    return cargarAge().then(function (age) {
      return Promise.all(pendientes.map(function (k) {
        var g = GRUPOS[k], e = new age.Encrypter();
        DESTINATARIOS.forEach(function (d) { e.addRecipient(d); });
        return e.encrypt(escribirYaml(partes.privados[k], g.contenido, []).replace(/^\n/, "")).then(function (binario) {
          var obj = {};  // the schema's order
          Object.keys(esquema.properties[k].properties).forEach(function (c) {
            if (c === g.bloque) obj[c] = age.armor.encode(binario);
            else if (c in publicos[k]) obj[c] = publicos[k][c];
          });
          publicos[k] = obj;
        });
      }));
    }).then(function () { return publicos; });
  }
  function exportable() {
    var r = comprobar(true);
    if (r.lista.length) {
      estado.textContent = "No se exportó " + LA + ": " + (r.lista.length === 1 ? "hay 1 problema" : "hay " + r.lista.length + " problemas") + " que corregir. El primero: " + (r.lista[0].etiqueta || rotulo(r.lista[0].path)) + ".";
      return Promise.resolve(null);
    }
    return sellar(r.datos).then(function (datos) {
      var texto = aYaml(datos);
      $("proponer-vista").textContent = texto;
      $("proponer-vista-caja").hidden = false;
      return { texto: texto, nombre: $("f-nombre-archivo").value, pais: datos.pais, datos: datos };
    }, function (err) {
      estado.textContent = "No se exportó la ficha: no se pudo cifrar el contacto (" + err.message + "). Recargue la página e inténtelo de nuevo.";
      return null;
    });
  }
  function copiar(texto) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(texto);
    var t = el("textarea", { readonly: true, "aria-hidden": "true", className: "proponer-oculto" });
    t.value = texto;
    document.body.appendChild(t);
    t.select();
    var ok = document.execCommand("copy");
    document.body.removeChild(t);
    return ok ? Promise.resolve() : Promise.reject(new Error("copia"));
  }
  $("proponer-comprobar").addEventListener("click", function () {
    var r = comprobar(true);
    estado.textContent = r.lista.length ? (r.lista.length === 1 ? "Hay 1 problema" : "Hay " + r.lista.length + " problemas") + " que corregir; la lista está arriba del formulario."
      : mayuscula(LA) + (LA.indexOf("la ") === 0 ? " está completa: ninguna regla del catálogo la rechaza. Ya puede descargarla o abrirla en GitHub."
        : " está completo: ninguna regla del catálogo lo rechaza. Ya puede descargarlo o abrirlo en GitHub.");
  });
  $("proponer-descargar").addEventListener("click", function () {
    exportable().then(descargar);
  });
  function descargar(x) {
    if (!x) return;
    var a = el("a", { href: URL.createObjectURL(new Blob([x.texto], { type: "application/yaml;charset=utf-8" })), download: x.nombre + ".yml" });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    estado.textContent = "Se descargó " + x.nombre + ".yml. Súbalo a la carpeta " + CARPETA + "/" + x.pais.toLowerCase() + "/ del repositorio (vea /contribuir/).";
  }
  // no account anywhere: the file is downloaded and an e-mail to the Technical Secretariat opens, its
  // body the record's numbered fields (what fits in a mailto: address) so that a forgotten attachment
  // loses nothing the ST cannot ask again; the sender can keep a readable copy (.txt)
  var copiaLegible = null;
  function nombrePais(codigo) {
    var s = esquema.properties.pais;
    var o = s ? opciones(s).filter(function (x) { return x.valor === codigo; })[0] : null;
    return o ? o.etiqueta : (codigo || "");
  }
  $("proponer-enviar").addEventListener("click", function () {
    exportable().then(function (x) {
      if (!x) return;
      descargar(x);
      var st = raiz.dataset.correoSt;
      var nombre = x.datos[CAMPO_NOMBRE] || x.nombre;
      var asunto = (CARPETA === "fichas" ? "Ficha técnica: " : "Perfil de cooperación: ") + nombrePais(x.pais) + " — " + nombre;
      var c = prepararCorreo(x.datos, esquema, {
        para: st, asunto: asunto,
        inicio: "Envío " + LA + " «" + nombre + "», hech" + (LA.indexOf("la ") === 0 ? "a" : "o") + " con el formulario del catálogo. " +
          "Va adjunto el archivo " + x.nombre + ".yml (adjúntelo antes de enviar: está en su carpeta de descargas).",
        nota: function (fuera) {
          return fuera.length
            ? "Los campos " + fuera.join(", ") + " no caben en este correo: van solo en el archivo adjunto " + x.nombre + ".yml. Si no lo adjunta, la Secretaría Técnica le pedirá esos campos."
            : "Todos los campos van en este correo y en el archivo adjunto.";
        },
      });
      copiaLegible = { texto: legible(x.datos, esquema, TITULO + "\n" + asunto), nombre: x.nombre };
      window.location.href = c.url;
      var caja = $("proponer-enviado");
      $("proponer-enviado-texto").textContent = "Se descargó " + x.nombre + ".yml y se abrió un correo para la Secretaría Técnica (" + st +
        ") con el asunto «" + asunto + "»" + (c.completo ? " y todos los campos en el mensaje." : "; los campos " + c.fuera.join(", ") + " no caben en el mensaje y van solo en el archivo.") +
        " Adjunte el archivo descargado y envíe el mensaje.";
      $("proponer-enviado-enlace").href = c.url;
      caja.hidden = false;
      caja.scrollIntoView({ block: "center" });
      caja.focus();
      estado.textContent = "";
    });
  });
  $("proponer-copia").addEventListener("click", function () {
    if (!copiaLegible) return;
    var a = el("a", { href: URL.createObjectURL(new Blob(["\ufeff" + copiaLegible.texto.replace(/\n/g, "\r\n")], { type: "text/plain;charset=utf-8" })),
      download: copiaLegible.nombre + ".txt" });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  });
  $("proponer-copiar").addEventListener("click", function () {
    exportable().then(function (x) {
    if (!x) return;
    copiar(x.texto).then(function () {
      estado.textContent = "Se copió el texto de " + LA + ". Péguelo en un archivo " + CARPETA + "/" + x.pais.toLowerCase() + "/" + x.nombre + ".yml.";
    }, function () {
      estado.textContent = "El navegador no permitió copiar. Abra «Ver el archivo que se exporta», seleccione el texto y cópielo.";
      $("proponer-vista-caja").open = true;
    });
    });
  });
  $("proponer-github").addEventListener("click", function () {
    exportable().then(function (x) {
    if (!x) return;
    var base = REPO + "/new/main/" + CARPETA + "/" + x.pais.toLowerCase() + "?filename=" + encodeURIComponent(x.nombre + ".yml");
    var url = base + "&value=" + encodeURIComponent(x.texto);
    if (url.length <= 8000) {
      window.open(url, "_blank", "noopener");
      estado.textContent = "Se abrió GitHub con " + LA + ". Pulse «Commit changes…» y luego «Propose changes».";
      return;
    }
    // long fichas do not fit in an address: copy the text, open the empty page
    copiar(x.texto).then(function () {
      window.open(base, "_blank", "noopener");
      estado.textContent = mayuscula(LA) + ": el texto es demasiado largo para pasarlo en la dirección; se copió. En GitHub, pegue el texto en el cuadro grande y pulse «Commit changes…».";
    }, function () {
      window.open(base, "_blank", "noopener");
      estado.textContent = "Se abrió GitHub. Abra «Ver el archivo que se exporta», copie el texto y péguelo en GitHub.";
      $("proponer-vista-caja").open = true;
    });
    });
  });

  // ---- import ----
  function importar(texto, nombreArchivo) {
    var doc = D.parseDocument(texto.replace(/^\ufeff/, ""), { uniqueKeys: true, prettyErrors: false });
    if (doc.errors.length) {
      var e = doc.errors[0], linea = e.linePos && e.linePos[0] ? " (línea " + e.linePos[0].line + ")" : "";
      var que = e.code === "DUPLICATE_KEY" ? "una clave aparece dos veces" : e.code === "TAB_AS_INDENT" ? "hay tabuladores en la sangría; use espacios" : "revise la sangría, los dos puntos y las comillas";
      throw new Error("No se pudo leer " + nombreArchivo + linea + ": " + que + ".");
    }
    var datos = doc.toJS({ maxAliasCount: 0 });
    if (!datos || typeof datos !== "object" || Array.isArray(datos)) throw new Error(nombreArchivo + " no es " + LA.replace(/^la /, "una ").replace(/^el /, "un ") + ": debe ser una lista de claves con sus valores, como «pais: ARG».");
    var desconocidas = Object.keys(datos).filter(function (k) { return !(k in esquema.properties); });
    desconocidas.forEach(function (k) { delete datos[k]; });
    var nombre = nombreArchivo.replace(/\.ya?ml$/i, "");
    pintarFormulario(datos, SLUG_RE.test(nombre) ? nombre : "");
    limpiarErrores();
    guardar();
    return desconocidas;
  }
  $("proponer-importar").addEventListener("change", function (ev) {
    var f = ev.target.files[0];
    if (!f) return;
    f.text().then(function (texto) {
      try {
        var ignoradas = importar(texto, f.name);
        $("proponer-aviso").textContent = "Se importó " + f.name + "." + (ignoradas.length ? " Se ignoraron claves que no son de " + LA + ": " + ignoradas.join(", ") + "." : "") + " Pulse «Comprobar» para revisarla.";
      } catch (err) {
        $("proponer-aviso").textContent = err.message;
      }
      ev.target.value = "";
    });
  });

  // ---- draft in this browser ----
  var temporizador = null;
  function guardar() {
    try {
      localStorage.setItem(BORRADOR, JSON.stringify({ datos: leer(), nombre: nombreManual ? $("f-nombre-archivo").value : "", fecha: new Date().toISOString() }));
    } catch (e) { /* private mode or full: the form still works */ }
  }
  function guardarLuego() { clearTimeout(temporizador); temporizador = setTimeout(guardar, 300); }
  form.addEventListener("input", guardarLuego);
  form.addEventListener("change", guardarLuego);
  $("proponer-descartar").addEventListener("click", function () {
    try { localStorage.removeItem(BORRADOR); } catch (e) { /* nothing stored */ }
    pintarFormulario({}, "");
    limpiarErrores();
    $("proponer-vista-caja").hidden = true;
    $("proponer-aviso").textContent = "Se descartó el borrador: el formulario está vacío.";
    form.querySelector("select, input, textarea").focus();
  });

  var guardado = null;
  try { guardado = JSON.parse(localStorage.getItem(BORRADOR) || "null"); } catch (e) { guardado = null; }
  if (guardado && guardado.datos) {
    pintarFormulario(guardado.datos, guardado.nombre || "");
    var cuando = new Date(guardado.fecha);
    $("proponer-aviso").textContent = "Se recuperó el borrador guardado en este navegador" +
      (isNaN(cuando) ? "" : " el " + cuando.toLocaleString("es")) + ". Para empezar de nuevo, pulse «Descartar borrador».";
  } else {
    pintarFormulario({}, "");
  }
  ["proponer-barra", "proponer-acciones", "proponer-leyenda"].forEach(function (id) { $(id).hidden = false; });
  raiz.dataset.estado = "listo";
  cargarAge().catch(function () { /* retried on export, which says so if it fails again */ ageListo = null; });
})();
