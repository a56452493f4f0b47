/** An ISBN as printed (hyphens or spaces allowed) reduced to its digits; ISBN-10 may end in X. */
export const normalizeIsbn = (value: string): string => value.replace(/[\s-]/g, '').toUpperCase();

/** Whether a normalized ISBN-10 or ISBN-13 has a correct check digit. */
export function isValidIsbn(isbn: string): boolean {
  if (/^\d{13}$/.test(isbn)) {
    const sum = [...isbn].reduce((total, d, i) => total + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
    return sum % 10 === 0;
  }
  if (/^\d{9}[\dX]$/.test(isbn)) {
    const sum = [...isbn].reduce((total, d, i) => total + (d === 'X' ? 10 : Number(d)) * (10 - i), 0);
    return sum % 11 === 0;
  }
  return false;
}
