// Searching names as people type them: any case, with or without accents ("zur" finds "Zürich",
// "Zur" finds "zürcher"). The folding happens in the query, on both sides, so the database
// compares like with like and no stored column has to be kept in step.

/** Letters with their accent, and the plain letter each folds to (same length, for translate()). */
const ACCENTED = 'àáâãäåāăąçćĉċčďđèéêëēĕėęěĝğġģĥħìíîïĩīĭįıĵķĺļľŀłñńņňòóôõöøōŏőŕŗřśŝşšţťŧùúûüũūŭůűųŵýÿŷźżžæœß';
const PLAIN = [...ACCENTED].map((c) => ({ đ: 'd', ħ: 'h', ı: 'i', ŀ: 'l', ł: 'l', ø: 'o', ŧ: 't', æ: 'a', œ: 'o', ß: 's' } as Record<string, string>)[c]
  ?? c.normalize('NFD').replace(/\p{M}/gu, '')).join('');

/** SQL: `expr` lowercased with its accents removed. */
export const foldedSql = (expr: string): string => `translate(lower(${expr}), '${ACCENTED}', '${PLAIN}')`;

/** The LIKE pattern for "contains `text`", with LIKE's own characters escaped. */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** SQL: one of `columns` contains the parameter `param`, both sides folded. */
export const matchesSql = (columns: string[], param: string): string =>
  `(${columns.map((c) => `${foldedSql(c)} LIKE ${foldedSql(param)}`).join(' OR ')})`;
