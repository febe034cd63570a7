// The libraries of the /proponer/ form, bundled into one local file so the page
// loads no script from another host. Rebuilt with `make vendor`; the output is
// committed (docs/assets/vendor/proponer-deps.js) so `make site` needs no Node.
// age (encryption of the contact, 1.12) is bundled apart (cifrado-deps.mjs → age.js) and
// loaded once the form is on screen: the first view does not wait for it.
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parseDocument, isMap, isSeq, isScalar } from "yaml";

window.CatalogoDeps = { Ajv2020, addFormats, parseDocument, isMap, isSeq, isScalar };
