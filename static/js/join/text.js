// Text as the server sees it (campaign/textinput.py), and small helpers the join page shares.

// What clean_text drops or folds: invisible characters, runs of whitespace.
const INVISIBLE = /[\u200b\u2060\ufeff\u00ad]/g;
const WHITESPACE = /[\s\x1c-\x1f\x85]+/u;

/** The text as the server will keep it: NFC, invisible characters dropped, spaces folded. */
export const cleaned = (text) =>
  (text || "").normalize("NFC").replace(INVISIBLE, "").split(WHITESPACE).filter(Boolean).join(" ");

/** Its length as the server counts it: code points, not UTF-16 units (an emoji is one). */
export const serverLength = (text) => Array.from(cleaned(text)).length;

/** A translated message with its {placeholders} filled in. */
export const fill = (template, values) =>
  (template || "").replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));

export const clamp = (value, low, high) => Math.min(Math.max(value, low), high);
