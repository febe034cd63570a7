// age for the /proponer/ form (encrypting the contact person's data to the ST's keys), bundled
// as an ES module that docs/assets/proponer/formulario.js imports when the form is ready.
export { Encrypter, armor } from "age-encryption";
