// /explorar/: full-text search and facets over the Pagefind index, with the state in the URL.
// Every value shown comes from the index or the vocabularies and is inserted as text, never as HTML.
// On /explorar/ this script starts from the <head> (overrides/main.html): the page may still be
// arriving, so it waits for its body when it has to.

// The page's words, in its language: a JSON block the page writes from schema/idiomas/<código>/paginas.yml
// («explorador»). This script has none of its own.
let TEXTOS = {};
function tx(clave, valores = {}) {
  return (TEXTOS[clave] ?? clave).replace(/\{(\w+)\}/g, (m, k) => (k in valores ? String(valores[k]) : m));
}

const entradaEl = document.querySelector('link[rel="preload"][href*="pagefind-entry.json"]');
// Pagefind starts at once, before the page's body is ready (on slow 3G the theme's styles hold the
// body's scripts back for seconds), and fetches what the words in the address will need.
const pagefindTemprano = entradaEl
  // the index is the site's, one for every language: its root is the entry's folder's parent (under /pt/ too)
  ? cargarPagefind(new URL("../", entradaEl.href), new URL(entradaEl.href).searchParams.get("ts") || "").then(async (pf) => {
    const q = new URLSearchParams(location.search).get("q");
    if (q && q.trim()) pf.preload(q.trim()).catch(() => {});
    return pf;
  })
  : null;
pagefindTemprano?.catch(() => {});  // a failure is reported by iniciar()

async function cargarPagefind(base, etiqueta) {
  const pagefind = await import(new URL("pagefind/pagefind.js", base).href);
  // noWorker: Pagefind's web worker would fetch the index and the WebAssembly again, after the
  // page has already preloaded them (on slow 3G, a second or more)
  const opciones = { baseUrl: base.pathname, excerptLength: 24, noWorker: true };
  if (etiqueta) opciones.metaCacheTag = etiqueta;  // the index the page preloaded
  await pagefind.options(opciones);
  await pagefind.init();
  return pagefind;
}

function empezar() {
  const raizEl = document.getElementById("explorar");
  if (raizEl) iniciar(raizEl).finally(cargarTema);
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", empezar, { once: true });
else empezar();

// The theme's scripts wait on this page until the first results are shown (overrides/main.html),
// so that on a slow connection they do not compete with the search for the line.
function cargarTema() {
  const t = document.getElementById("scripts-del-tema");
  if (!t) return;
  t.remove();
  for (const s of t.content.querySelectorAll("script[src]")) {
    if (s.getAttribute("src").endsWith("assets/explorar.js")) continue;
    const n = document.createElement("script");
    n.src = s.getAttribute("src");
    n.async = false;  // in their order, as the theme wrote them
    document.body.append(n);
  }
}

const POR_PAGINA = 20;


function el(tag, attrs = {}, ...hijos) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "texto") n.textContent = v;
    else n.setAttribute(k, v);
  }
  for (const h of hijos) if (h) n.append(h);
  return n;
}

// Pagefind excerpts mark matches with <mark>; parse them inertly and keep only text and marks.
function extracto(html) {
  const doc = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
  const p = el("span", { class: "tarjeta-resumen" });
  for (const nodo of doc.body.firstChild.childNodes) {
    if (nodo.nodeName === "MARK") p.append(el("mark", { texto: nodo.textContent }));
    else p.append(document.createTextNode(nodo.textContent));
  }
  return p;
}

// A card always shows why it is there: the excerpt with the words marked or, when the match is
// outside the text the excerpt is taken from (the title, a label), that reason and the summary.
function conCoincidencia(d) {
  const p = extracto(d.excerpt);
  if (p.querySelector("mark") || !d.meta.resumen) return p;
  return el("span", { class: "tarjeta-resumen" },
    el("span", { class: "tarjeta-motivo", texto: tx("motivo") }), d.meta.resumen);
}

async function iniciar(raiz) {
  const vocab = JSON.parse(raiz.dataset.vocabularios);
  const textosEl = document.getElementById("explorar-textos");
  TEXTOS = textosEl ? JSON.parse(textosEl.textContent) : {};
  const base = new URL(raiz.dataset.raiz, location.href);
  const estado = document.getElementById("explorar-estado");
  const lista = document.getElementById("explorar-lista");
  const mas = document.getElementById("explorar-mas");
  const form = document.getElementById("explorar-form");
  const input = document.getElementById("explorar-q");
  const filtrosEl = document.getElementById("explorar-filtros");
  const activosEl = document.getElementById("explorar-activos");
  const ordenEl = document.getElementById("explorar-orden");
  const ORDENES = { fecha: { fecha: "desc" }, titulo: { titulo: "asc" } };

  let pagefind;
  try {
    pagefind = await (pagefindTemprano || cargarPagefind(base, raiz.dataset.etiqueta));
  } catch (e) {
    estado.textContent = tx("sin_indice");
    return;
  }

  const params = new URLSearchParams(location.search);
  const sel = {};
  for (const k of Object.keys(vocab)) {
    sel[k] = new Set(params.getAll(k).map((v) => (k === "pais" ? v.toUpperCase() : v.toLowerCase())));
  }
  input.value = params.get("q") || "";
  ordenEl.value = ORDENES[params.get("orden")] ? params.get("orden") : "";
  ordenEl.addEventListener("change", () => buscar());

  // Facets fold away on narrow screens so the results come first; open on wide ones.
  const plegable = el("details", { class: "explorar-plegable" }, el("summary", { texto: tx("filtros") }));
  // on a phone the panel starts folded even with filters chosen: the chips above the results show them
  plegable.open = window.matchMedia("(min-width: 60em)").matches;
  filtrosEl.append(plegable);
  const casillas = {};
  for (const [k, dim] of Object.entries(vocab)) {
    const fs = el("fieldset", { class: "faceta", "data-faceta": k }, el("legend", { texto: dim.titulo }));
    casillas[k] = {};
    for (const [slug, etiqueta] of Object.entries(dim.valores)) {
      const id = `f-${k}-${slug}`;
      const cb = el("input", { type: "checkbox", id, name: k, value: slug });
      cb.checked = sel[k].has(slug);
      cb.addEventListener("change", () => {
        cb.checked ? sel[k].add(slug) : sel[k].delete(slug);
        buscar();
      });
      const cuenta = el("span", { class: "faceta-cuenta" });
      const fila = el("div", { class: "faceta-valor" }, cb, el("label", { for: id }, etiqueta + " ", cuenta));
      casillas[k][slug] = { fila, cb, cuenta };
      fs.append(fila);
    }
    plegable.append(fs);
  }
  // on a phone the panel covers the results: one button takes the person back to them
  const verResultados = el("button", { type: "button", class: "md-button explorar-ver", texto: tx("ver_resultados") });
  verResultados.addEventListener("click", () => {
    plegable.open = false;
    estado.scrollIntoView({ block: "start" });
  });
  plegable.append(verResultados);

  // The active filters as chips, each removable, and «Quitar filtros» for all of them.
  function pintarActivos() {
    activosEl.replaceChildren();
    let hay = false;
    for (const [k, s] of Object.entries(sel)) {
      for (const v of s) {
        hay = true;
        const nombre = `${vocab[k].titulo}: ${vocab[k].valores[v] || v}`;
        const chip = el("button", { type: "button", class: "chip chip-activo", "aria-label": tx("quitar_filtro", { nombre }) },
          `${nombre} `, el("span", { "aria-hidden": "true", texto: "✕" }));
        chip.addEventListener("click", () => {
          s.delete(v);
          if (casillas[k][v]) casillas[k][v].cb.checked = false;
          buscar();
        });
        activosEl.append(chip);
      }
    }
    if (hay) {
      const todos = el("button", { type: "button", class: "md-button explorar-quitar", texto: tx("quitar_filtros") });
      todos.addEventListener("click", () => {
        for (const [k, s] of Object.entries(sel)) {
          for (const v of s) if (casillas[k][v]) casillas[k][v].cb.checked = false;
          s.clear();
        }
        buscar();
      });
      activosEl.append(todos);
    }
  }

  let temporizador;
  input.addEventListener("input", () => {
    clearTimeout(temporizador);
    temporizador = setTimeout(buscar, 250);
  });
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    buscar();
  });

  // Pagefind options for the current selection, leaving out one facet (for its own counts).
  // An empty `filters` object makes Pagefind return no filter counts, so it is left out then.
  function opciones(excepto) {
    const f = {};
    for (const [k, s] of Object.entries(sel)) if (k !== excepto && s.size) f[k] = { any: [...s] };
    const o = Object.keys(f).length ? { filters: f } : {};
    if (ORDENES[ordenEl.value]) o.sort = ORDENES[ordenEl.value];
    return o;
  }

  function actualizarUrl(q) {
    const p = new URLSearchParams();
    if (q) p.set("q", q);
    for (const [k, s] of Object.entries(sel)) for (const v of s) p.append(k, v);
    if (ORDENES[ordenEl.value]) p.set("orden", ordenEl.value);
    const qs = p.toString();
    history.replaceState(null, "", qs ? `?${qs}` : location.pathname);
  }

  let resultados = [];
  let mostrados = 0;
  let turno = 0;

  // Facet counts need Pagefind's filter index, one file per facet (together the largest part
  // of the search data at 10,000 fichas). A facet's file is fetched once the results are on
  // screen and the facet is too: on a phone the panel starts folded, on a wide screen the lower
  // facets wait until they are scrolled to. `{ any: [] }` makes Pagefind load a facet's file
  // without filtering by it.
  const pedidas = new Set();
  const visibles = new Set();
  let hayResultados = false;
  let cola = Promise.resolve();

  function pedirCuentas() {
    const nuevas = hayResultados ? [...visibles].filter((k) => !pedidas.has(k)) : [];
    if (!nuevas.length) return cola;
    for (const k of nuevas) pedidas.add(k);
    cola = cola.then(async () => {
      const termino = input.value.trim() || null;
      await pagefind.preload(termino, { filters: Object.fromEntries(nuevas.map((k) => [k, { any: [] }])) });
      const mio = turno;
      const principal = await pagefind.search(termino, opciones());
      if (principal && mio === turno) await contar(termino, principal, mio);
    }).catch(() => {
      for (const k of nuevas) pedidas.delete(k);  // no connection: try again when next asked
    });
    return cola;
  }

  const vigia = new IntersectionObserver((entradas) => {
    for (const e of entradas) if (e.isIntersecting) visibles.add(e.target.dataset.faceta);
    pedirCuentas();
  });
  for (const fs of plegable.querySelectorAll("fieldset[data-faceta]")) vigia.observe(fs);

  // Counts for every facet whose file is loaded (Pagefind leaves the others out); a facet
  // with values chosen counts without its own selection, so its other values stay meaningful.
  async function contar(termino, principal, mio) {
    const contadas = [];
    for (const k of Object.keys(vocab)) {
      let cuentas = principal.filters[k];
      if (cuentas && sel[k].size) {
        const otra = await pagefind.search(termino, opciones(k));
        cuentas = otra && otra.filters[k];
      }
      if (mio !== turno) return;
      if (!cuentas) continue;
      for (const [slug, c] of Object.entries(casillas[k])) {
        const n = cuentas[slug] || 0;
        c.cuenta.textContent = `(${n})`;
        c.fila.hidden = n === 0 && !sel[k].has(slug);
      }
      contadas.push(k);
    }
    raiz.dataset.cuentas = contadas.join(" ");
  }

  async function buscar() {
    const mio = ++turno;
    raiz.dataset.estado = "buscando";
    const q = input.value.trim();
    actualizarUrl(q);
    pintarActivos();
    const termino = q || null;
    // By relevance and with no «Tipo» chosen, the practices come first: the fichas by relevance,
    // then the cooperation profiles by relevance (a profile names many areas, so it would
    // otherwise outrank a practice that answers the question). The three searches run together:
    // the small «tipo» filter file arrives alongside the index, not after it.
    const agrupar = !sel.tipo.size && !ORDENES[ordenEl.value];
    const busquedas = [pagefind.search(termino, opciones())];
    if (agrupar) {
      for (const t of ["ficha", "perfil"]) {
        const o = opciones();
        o.filters = { ...(o.filters || {}), tipo: { any: [t] } };
        busquedas.push(pagefind.search(termino, o));
      }
    }
    const [principal, ...porTipo] = await Promise.all(busquedas);
    if (mio !== turno || !principal) return;
    const grupos = agrupar && porTipo.every(Boolean) ? porTipo.map((r) => r.results) : null;
    await contar(termino, principal, mio);
    if (mio !== turno) return;
    if (grupos) {
      const vistos = new Set(grupos.flat().map((r) => r.id));
      resultados = [...grupos[0], ...grupos[1], ...principal.results.filter((r) => !vistos.has(r.id))];
    } else {
      resultados = principal.results;
    }
    mostrados = 0;
    lista.replaceChildren();
    const n = resultados.length;
    const [nf, np] = grupos ? grupos.map((g) => g.length) : [0, 0];
    estado.textContent = n === 0
      ? tx("nada")
      : grupos && nf && np
        ? tx("resultados_agrupados", { n, fichas: tx(nf === 1 ? "fichas_uno" : "fichas_varias", { n: nf }),
          perfiles: tx(np === 1 ? "perfiles_uno" : "perfiles_varios", { n: np }) })
        : tx(n === 1 ? "resultado_uno" : "resultados_varios", { n });
    await mostrarMas();
    cargarTema();
    if (mio !== turno) return;
    hayResultados = true;
    await pedirCuentas();
    if (mio === turno) raiz.dataset.estado = "listo";
  }

  // Each card is shown as soon as its fragment arrives, in its place: on a slow connection the
  // first ones are readable while the rest load, and nothing below them moves.
  async function mostrarMas() {
    const lote = resultados.slice(mostrados, mostrados + POR_PAGINA);
    const huecos = lote.map(() => lista.appendChild(el("li", { class: "tarjeta tarjeta-cargando", "aria-hidden": "true" })));
    await Promise.all(lote.map(async (r, i) => {
      const d = await r.data();
      const temas = (d.filters.tema || []).map((t) => vocab.tema.valores[t] || t).join(" · ");
      huecos[i].replaceWith(el("li", { class: "tarjeta" },
        el("a", { class: "tarjeta-titulo", href: d.url, texto: d.meta.title || d.url }),
        el("span", { class: "tarjeta-meta", texto: [(d.filters.tipo || []).includes("perfil") ? tx("perfil") : "",
          d.meta.pais, temas].filter(Boolean).join(" · ") }),
        // with no words to search, the summary says more than the page's first lines
        !input.value.trim() && d.meta.resumen ? el("span", { class: "tarjeta-resumen", texto: d.meta.resumen }) : conCoincidencia(d)));
    }));
    mostrados += lote.length;
    mas.hidden = mostrados >= resultados.length;
  }
  mas.addEventListener("click", mostrarMas);

  await buscar();
}
