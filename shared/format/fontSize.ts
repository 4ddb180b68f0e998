// Chinese font-size names (字号) and their sizes in points, as Word and WPS map them.

export const FONT_SIZES = {
  初号: 42,
  小初: 36,
  一号: 26,
  小一: 24,
  二号: 22,
  小二: 18,
  三号: 16,
  小三: 15,
  四号: 14,
  小四: 12,
  五号: 10.5,
  小五: 9,
  六号: 7.5,
  小六: 6.5,
  七号: 5.5,
  八号: 5,
} as const;

export type FontSizeName = keyof typeof FONT_SIZES;

/** The size in points of a 字号 name, e.g. 三号 → 16. */
export function fontSizePt(name: FontSizeName): number {
  return FONT_SIZES[name];
}

/** The 字号 name of a size in points, or null when no name has exactly that size. */
export function fontSizeName(pt: number): FontSizeName | null {
  for (const [name, size] of Object.entries(FONT_SIZES) as [FontSizeName, number][]) {
    if (size === pt) return name;
  }
  return null;
}
