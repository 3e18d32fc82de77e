/**
 * A page as the form reader handles it: 8-bit greyscale pixels (0 black, 255 white),
 * row-major, with square pixels at `pxPerMm`. Aligned pages are at `CANONICAL_PX_PER_MM`
 * in the layout's coordinates, so a field at (x mm, y mm) is at pixel (x·8, y·8).
 */
export interface PageImage {
  width: number;
  height: number;
  data: Uint8Array;
  pxPerMm: number;
}

/** 8 px/mm ≈ 203 dpi: the fine fax resolution. */
export const CANONICAL_PX_PER_MM = 8;
