/**
 * Stands in for `brotli/decompress.js` in the printer's bundle (esbuild `alias`): fontkit needs it
 * only to open WOFF2 fonts, the printer opens one TrueType font, and brotli's dictionary alone would
 * be half the bundle (≈ 490 KB minified).
 */
export default function decompress(): never {
  throw new Error('WOFF2 fonts are not supported by the printer: give it a TrueType (.ttf) font');
}
