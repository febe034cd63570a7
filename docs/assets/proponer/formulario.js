/* /proponer/ and /proponer-perfil/: a record's form generated from its schema (inlined in the page).
 * The page says which kind of record it is (data-registro, data-carpeta, data-campo-nombre…).
 * Every field, label, instruction, vocabulary, condition and limit comes from the schema; the
 * same schema validates in the browser (Ajv, draft 2020-12) as in CI. This module only wires the
 * page's buttons to its parts, each an ES module tested with node --test (tests/js/):
 * estado.js (configuration and state), pintado.js (rendering and reading back), borrador.js
 * (the draft in this browser), importacion.js, exportacion.js, envio.js (the e-mail to the ST);
 * the rules live in reglas.js (messages from mensajes.js), the YAML writer in yaml.js. */
import { cifrados, compilar } from "./reglas.js";
import { configuracion, nuevoEstado } from "./estado.js";
import { tx, usarTextos } from "./textos.js";
import { crearFormulario } from "./pintado.js";
import { avisoRecuperado, descartarBorrador, guardarBorrador, leerBorrador } from "./borrador.js";
import { avisoImportado, leerRegistro } from "./importacion.js";
import { archivo, enGithub, noSeExporto, sellar } from "./exportacion.js";
import { prepararEnvio, textoDeCopia } from "./envio.js";

(function () {
  "use strict";
  var raiz = document.getElementById("proponer");
  if (!raiz) return;
  var D = window.CatalogoDeps;
  var $ = function (id) { return document.getElementById(id); };
  // the page's words, in its language (schema/idiomas/<código>/paginas.yml and mensajes.yml), before anything speaks
  usarTextos(JSON.parse($("proponer-textos").textContent));
  if (!D) {
    $("proponer-aviso").textContent = tx("no_cargo");
    return;
  }

  var esquema = JSON.parse($("proponer-esquema").textContent);
  var cfg = configuracion(raiz.dataset);
  var estado = nuevoEstado();
  var form = $("proponer-form");
  // age is loaded once the form is on screen (its own bundle): the first view does not wait for it
  var ageListo = null;
  function cargarAge() {
    if (!ageListo) ageListo = import(new URL("../vendor/age.js", import.meta.url).href);
    return ageListo;
  }
  // validation: Ajv 2020 with formats; the schema's annotations are known keywords
  var ajv = new D.Ajv2020({ allErrors: true, strict: false });
  D.addFormats(ajv);
  var pagina = crearFormulario({ doc: document, form: form, esquema: esquema, validar: compilar(ajv, esquema),
    grupos: cifrados(esquema), cfg: cfg, estado: estado, alCambiar: guardarLuego });

  // ---- draft in this browser ----
  var temporizador = null;
  function guardar() {
    guardarBorrador(localStorage, cfg.borrador, pagina.leer(), estado.nombreManual ? $("f-nombre-archivo").value : "", new Date());
  }
  function guardarLuego() { clearTimeout(temporizador); temporizador = setTimeout(guardar, 300); }
  form.addEventListener("input", guardarLuego);
  form.addEventListener("change", guardarLuego);
  $("proponer-descartar").addEventListener("click", function () {
    descartarBorrador(localStorage, cfg.borrador);
    pagina.pintar({}, "");
    pagina.limpiarErrores();
    $("proponer-vista-caja").hidden = true;
    $("proponer-aviso").textContent = tx("descartado");
    form.querySelector("select, input, textarea").focus();
  });

  // ---- export ----
  var estadoTexto = $("proponer-estado");
  function exportable() {
    var r = pagina.comprobar(true);
    if (r.lista.length) {
      estadoTexto.textContent = noSeExporto(cfg.la, r.lista);
      return Promise.resolve(null);
    }
    return sellar(esquema, r.datos, cfg.destinatarios, cargarAge).then(function (datos) {
      var texto = archivo(datos, esquema, cfg.modelo, cfg.titulo);
      $("proponer-vista").textContent = texto;
      $("proponer-vista-caja").hidden = false;
      return { texto: texto, nombre: $("f-nombre-archivo").value, pais: datos.pais, datos: datos };
    }, function (err) {
      estadoTexto.textContent = tx("sin_cifrar", { la: cfg.la, error: err.message });
      return null;
    });
  }
  function copiar(texto) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(texto);
    var t = document.createElement("textarea");
    t.readOnly = true;
    t.setAttribute("aria-hidden", "true");
    t.className = "proponer-oculto";
    t.value = texto;
    document.body.appendChild(t);
    t.select();
    var ok = document.execCommand("copy");
    document.body.removeChild(t);
    return ok ? Promise.resolve() : Promise.reject(new Error("copia"));
  }
  function bajar(contenido, tipo, nombre) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([contenido], { type: tipo }));
    a.download = nombre;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  $("proponer-comprobar").addEventListener("click", function () {
    var r = pagina.comprobar(true);
    estadoTexto.textContent = r.lista.length ? tx(r.lista.length === 1 ? "problemas_uno" : "problemas_varios", { n: r.lista.length })
      : tx("completa_" + cfg.tipo);
  });
  function descargar(x) {
    if (!x) return;
    bajar(x.texto, "application/yaml;charset=utf-8", x.nombre + ".yml");
    estadoTexto.textContent = tx("descargado", { archivo: x.nombre + ".yml", carpeta: cfg.carpeta + "/" + x.pais.toLowerCase() + "/" });
  }
  $("proponer-descargar").addEventListener("click", function () {
    exportable().then(descargar);
  });

  // ---- sending: the file downloaded and an e-mail to the Technical Secretariat ----
  var copiaLegible = null;
  $("proponer-enviar").addEventListener("click", function () {
    exportable().then(function (x) {
      if (!x) return;
      descargar(x);
      var envio = prepararEnvio(x, esquema, cfg);
      copiaLegible = envio.copia;
      window.location.href = envio.correo.url;
      var caja = $("proponer-enviado");
      $("proponer-enviado-texto").textContent = envio.aviso;
      $("proponer-enviado-enlace").href = envio.correo.url;
      caja.hidden = false;
      caja.scrollIntoView({ block: "center" });
      caja.focus();
      estadoTexto.textContent = "";
    });
  });
  $("proponer-copia").addEventListener("click", function () {
    if (copiaLegible) bajar(textoDeCopia(copiaLegible.texto), "text/plain;charset=utf-8", copiaLegible.nombre + ".txt");
  });
  $("proponer-copiar").addEventListener("click", function () {
    exportable().then(function (x) {
      if (!x) return;
      copiar(x.texto).then(function () {
        estadoTexto.textContent = tx("copiado", { la: cfg.la, ruta: cfg.carpeta + "/" + x.pais.toLowerCase() + "/" + x.nombre + ".yml" });
      }, function () {
        estadoTexto.textContent = tx("no_copio");
        $("proponer-vista-caja").open = true;
      });
    });
  });
  $("proponer-github").addEventListener("click", function () {
    exportable().then(function (x) {
      if (!x) return;
      var g = enGithub(cfg.repo, cfg.carpeta, x.pais, x.nombre, x.texto);
      if (g.cabe) {
        window.open(g.url, "_blank", "noopener");
        estadoTexto.textContent = tx("github_abierto", { la: cfg.la });
        return;
      }
      // long records do not fit in an address: copy the text, open the empty page
      copiar(x.texto).then(function () {
        window.open(g.base, "_blank", "noopener");
        estadoTexto.textContent = tx("github_largo", { la: cfg.la });
      }, function () {
        window.open(g.base, "_blank", "noopener");
        estadoTexto.textContent = tx("github_sin_texto");
        $("proponer-vista-caja").open = true;
      });
    });
  });

  // ---- import ----
  $("proponer-importar").addEventListener("change", function (ev) {
    var f = ev.target.files[0];
    if (!f) return;
    f.text().then(function (texto) {
      try {
        var r = leerRegistro(D.parseDocument, texto, f.name, esquema, cfg.tipo);
        pagina.pintar(r.datos, r.nombre);
        pagina.limpiarErrores();
        guardar();
        $("proponer-aviso").textContent = avisoImportado(f.name, r.desconocidas, cfg.la);
      } catch (err) {
        $("proponer-aviso").textContent = err.message;
      }
      ev.target.value = "";
    });
  });

  var guardado = leerBorrador(localStorage, cfg.borrador);
  if (guardado) {
    pagina.pintar(guardado.datos, guardado.nombre || "");
    $("proponer-aviso").textContent = avisoRecuperado(guardado.fecha);
  } else {
    pagina.pintar({}, "");
  }
  ["proponer-barra", "proponer-acciones", "proponer-leyenda"].forEach(function (id) { $(id).hidden = false; });
  raiz.dataset.estado = "listo";
  cargarAge().catch(function () { /* retried on export, which says so if it fails again */ ageListo = null; });
})();
