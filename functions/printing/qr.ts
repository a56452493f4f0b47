import qrcode from 'qrcode-generator';

/** Which modules of a QR code are dark, row by row (error correction M: still reads with a smudge). */
export function qrModules(data: string): boolean[][] {
  const code = qrcode(0, 'M');
  // Byte mode takes one character per byte: hand it the UTF-8 bytes, so any text (a Chinese caption
  // in a link) encodes as UTF-8 rather than being cut to Latin-1.
  let binary = '';
  for (const byte of new TextEncoder().encode(data)) binary += String.fromCharCode(byte);
  code.addData(binary, 'Byte');
  code.make();
  const count = code.getModuleCount();
  return Array.from({ length: count }, (_, row) =>
    Array.from({ length: count }, (_, col) => code.isDark(row, col)),
  );
}
