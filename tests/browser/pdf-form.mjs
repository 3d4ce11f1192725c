// Reads a PDF form with pdf.js (the engine of browser PDF viewers), as a second independent
// reader beside pypdf. Usage: node pdf-form.mjs FORM.pdf
// Prints JSON: every field by name with its type, export values, value and tooltip, and the
// number of pages.
import { readFileSync } from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const data = new Uint8Array(readFileSync(process.argv[2]));
const doc = await getDocument({ data, disableFontFace: true, verbosity: 0 }).promise;
const objects = (await doc.getFieldObjects()) || {};
const tooltips = {};
const fonts = new Set();
for (let n = 1; n <= doc.numPages; n++) {
  const page = await doc.getPage(n);
  for (const a of await page.getAnnotations()) {
    if (a.subtype !== "Widget") continue;
    if (a.alternativeText) tooltips[a.fieldName] = a.alternativeText;
    if (a.defaultAppearanceData?.fontName) fonts.add(a.defaultAppearanceData.fontName);
  }
}
const fields = {};
for (const [name, widgets] of Object.entries(objects)) {
  const typed = widgets.filter((w) => w.type);
  fields[name] = {
    type: typed[0]?.type ?? null,
    exportValues: typed.map((w) => w.exportValues).filter(Boolean),
    value: typed.find((w) => w.value !== undefined && w.value !== "Off")?.value ?? typed[0]?.value ?? null,
    tooltip: tooltips[name] ?? null,
  };
}
console.log(JSON.stringify({ pages: doc.numPages, fields, fonts: [...fonts] }));
