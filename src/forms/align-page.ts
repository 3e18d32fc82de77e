/**
 * Aligning a scanned or faxed page to its form layout: find the four solid registration
 * squares, fit the affine transform from layout millimetres to scan pixels, resample the
 * page onto the canonical grid (the layout's page at 8 px/mm, so a field at (x mm, y mm)
 * is at pixel (8x, 8y)), despeckle it lightly and read the 32-cell mark strip.
 *
 * Coordinates are continuous: pixel (i, j) covers [i, i+1) × [j, j+1), its centre is at
 * (i + 0.5, j + 0.5). Plain JavaScript over the byte arrays: an A4 page takes well under
 * a second.
 */
import type { FormLayout } from './form-layout.js';
import { CANONICAL_PX_PER_MM, type PageImage } from './page-image.js';

/** x = a·u + b·v + c, y = d·u + e·v + f: layout millimetres (u, v) → scan pixels (x, y). */
export interface AffineTransform {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

export interface AlignedPage {
  /** Canonical page: the layout's page size at 8 px/mm (1680×2376 for A4). */
  image: PageImage;
  /** Rotation of the form on the scan, degrees, clockwise as seen. */
  rotationDeg: number;
  /** Printed size relative to the layout (1 = 100 %, as far as the scan's stated resolution is right). */
  scale: number;
  /** The 32 mark cells, black = 1, left to right. */
  markBits: number[];
  /** Layout mm → scan pixels. */
  transform: AffineTransform;
  /** Largest distance (mm) between a found square and where the fitted transform puts it; 0 with 3 squares. */
  residualMm: number;
  /** Centre (scan pixels) of each registration square TL, TR, BL, BR; null when not found. */
  marks: Array<{ x: number; y: number } | null>;
}

export interface AlignProblem {
  problem: string;
}

export interface AlignOptions {
  /** Remove speckle with a 3×3 median (default true). */
  despeckle?: boolean;
  /** How far (mm) from its nominal place a square is looked for (default 40). */
  searchRadiusMm?: number;
}

/** A dark blob shaped like a registration square, in scan pixels. */
export interface SquareCandidate {
  x: number;
  y: number;
  /** Side (px) of a square of the blob's area. */
  side: number;
  /** Distance (mm) from the nominal place of its corner. */
  distanceMm: number;
}

const MAX_ROTATION_DEG = 10;
const MAX_RESIDUAL_MM = 1.5;
const MAX_SHEAR_DEG = 3;
const SCALE_RANGE: [number, number] = [0.7, 1.4];
const ANISOTROPY_RANGE: [number, number] = [0.85, 1 / 0.85];

/** Pixels per mm to search at, trusting `page.pxPerMm` unless it implies an absurd page width. */
export function effectivePxPerMm(page: PageImage, layout: FormLayout): number {
  const impliedWidthMm = page.width / page.pxPerMm;
  const ratio = impliedWidthMm / layout.page.widthMm;
  if (Number.isFinite(ratio) && ratio >= 0.7 && ratio <= 1.4) return page.pxPerMm;
  return page.width / layout.page.widthMm;
}

interface Working {
  data: Uint8Array;
  width: number;
  height: number;
  /** Full-resolution pixels per working pixel. */
  factor: number;
  threshold: number;
  paper: number;
  ink: number;
}

/** Box-averaged copy at roughly 2.5–4 px/mm, with an Otsu threshold and paper/ink levels. */
function workingCopy(page: PageImage, pxPerMm: number): Working {
  const factor = Math.max(1, Math.round(pxPerMm / 3));
  const width = Math.floor(page.width / factor);
  const height = Math.floor(page.height / factor);
  const data = new Uint8Array(width * height);
  const sums = new Uint32Array(width);
  const area = factor * factor;
  const histogram = new Uint32Array(256);
  for (let y = 0; y < height; y++) {
    sums.fill(0);
    for (let dy = 0; dy < factor; dy++) {
      const row = (y * factor + dy) * page.width;
      for (let x = 0; x < width; x++) {
        let s = 0;
        const start = row + x * factor;
        for (let dx = 0; dx < factor; dx++) s += page.data[start + dx]!;
        sums[x]! += s;
      }
    }
    for (let x = 0; x < width; x++) {
      const v = Math.round(sums[x]! / area);
      data[y * width + x] = v;
      histogram[v]!++;
    }
  }
  const threshold = Math.max(64, Math.min(200, otsu(histogram)));
  let inkSum = 0;
  let inkCount = 0;
  let paperSum = 0;
  let paperCount = 0;
  for (let v = 0; v < 256; v++) {
    if (v < threshold) {
      inkSum += v * histogram[v]!;
      inkCount += histogram[v]!;
    } else {
      paperSum += v * histogram[v]!;
      paperCount += histogram[v]!;
    }
  }
  const paper = paperCount > 0 ? paperSum / paperCount : 255;
  const ink = inkCount > 0 ? Math.min(inkSum / inkCount, threshold - 1) : 0;
  return { data, width, height, factor, threshold, paper, ink };
}

function otsu(histogram: Uint32Array): number {
  let total = 0;
  let sumAll = 0;
  for (let v = 0; v < 256; v++) {
    total += histogram[v]!;
    sumAll += v * histogram[v]!;
  }
  let best = 128;
  let bestVariance = -1;
  let weightB = 0;
  let sumB = 0;
  for (let t = 0; t < 256; t++) {
    weightB += histogram[t]!;
    if (weightB === 0) continue;
    const weightF = total - weightB;
    if (weightF === 0) break;
    sumB += t * histogram[t]!;
    const meanB = sumB / weightB;
    const meanF = (sumAll - sumB) / weightF;
    const variance = weightB * weightF * (meanB - meanF) ** 2;
    if (variance > bestVariance) {
      bestVariance = variance;
      best = t + 1;
    }
  }
  return best;
}

interface Blob {
  area: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  sumX: number;
  sumY: number;
}

/** 8-connected dark blobs of the working copy. */
function darkBlobs(w: Working): Blob[] {
  const { data, width, height, threshold } = w;
  const labels = new Uint8Array(width * height); // 1 = visited
  const stack = new Int32Array(width * height);
  const blobs: Blob[] = [];
  for (let start = 0; start < data.length; start++) {
    if (labels[start] || data[start]! >= threshold) continue;
    const blob: Blob = { area: 0, minX: Infinity, maxX: -1, minY: Infinity, maxY: -1, sumX: 0, sumY: 0 };
    let top = 0;
    stack[top++] = start;
    labels[start] = 1;
    while (top > 0) {
      const p = stack[--top]!;
      const x = p % width;
      const y = (p - x) / width;
      blob.area++;
      blob.sumX += x;
      blob.sumY += y;
      if (x < blob.minX) blob.minX = x;
      if (x > blob.maxX) blob.maxX = x;
      if (y < blob.minY) blob.minY = y;
      if (y > blob.maxY) blob.maxY = y;
      for (let ny = y - 1; ny <= y + 1; ny++) {
        if (ny < 0 || ny >= height) continue;
        for (let nx = x - 1; nx <= x + 1; nx++) {
          if (nx < 0 || nx >= width) continue;
          const q = ny * width + nx;
          if (labels[q] || data[q]! >= threshold) continue;
          labels[q] = 1;
          stack[top++] = q;
        }
      }
    }
    blobs.push(blob);
  }
  return blobs;
}

/** Darkness-weighted centroid of the square around (x, y), recentred a few times (scan pixels). */
function refineCentre(page: PageImage, x: number, y: number, side: number, paper: number, ink: number): { x: number; y: number; mass: number } {
  const half = Math.ceil(0.5 * side * 1.1 + side * 0.2);
  const span = Math.max(1, paper - ink);
  let cx = x;
  let cy = y;
  let mass = 0;
  for (let iteration = 0; iteration < 4; iteration++) {
    const x0 = Math.max(0, Math.floor(cx - half));
    const x1 = Math.min(page.width, Math.ceil(cx + half));
    const y0 = Math.max(0, Math.floor(cy - half));
    const y1 = Math.min(page.height, Math.ceil(cy + half));
    let sw = 0;
    let sx = 0;
    let sy = 0;
    for (let j = y0; j < y1; j++) {
      const row = j * page.width;
      for (let i = x0; i < x1; i++) {
        let weight = (paper - page.data[row + i]!) / span;
        if (weight <= 0) continue;
        if (weight > 1) weight = 1;
        sw += weight;
        sx += weight * (i + 0.5);
        sy += weight * (j + 0.5);
      }
    }
    if (sw === 0) break;
    const nx = sx / sw;
    const ny = sy / sw;
    mass = sw;
    const moved = Math.hypot(nx - cx, ny - cy);
    cx = nx;
    cy = ny;
    if (moved < 0.05) break;
  }
  return { x: cx, y: cy, mass };
}

/** Whether a blob reaching the working copy's border runs off the scan (a third of its span dark on the edge). */
function cutByEdge(page: PageImage, blob: Blob, w: Working): boolean {
  const f = w.factor;
  const darkShare = (positions: Iterable<number>): number => {
    let dark = 0;
    let all = 0;
    for (const p of positions) {
      all++;
      if (page.data[p]! < w.threshold) dark++;
    }
    return all === 0 ? 0 : dark / all;
  };
  const column = function* (x: number): Iterable<number> {
    for (let y = blob.minY * f; y < Math.min(page.height, (blob.maxY + 1) * f); y++) yield y * page.width + x;
  };
  const row = function* (y: number): Iterable<number> {
    for (let x = blob.minX * f; x < Math.min(page.width, (blob.maxX + 1) * f); x++) yield y * page.width + x;
  };
  const cut = 0.3;
  if (blob.minX === 0 && darkShare(column(0)) > cut) return true;
  if (blob.minY === 0 && darkShare(row(0)) > cut) return true;
  if (blob.maxX === w.width - 1 && darkShare(column(page.width - 1)) > cut) return true;
  if (blob.maxY === w.height - 1 && darkShare(row(page.height - 1)) > cut) return true;
  return false;
}

/** Layout centre (mm) of each registration square TL, TR, BL, BR. */
function squareCentresMm(layout: FormLayout): Array<[number, number]> {
  const half = layout.registration.sizeMm / 2;
  return layout.registration.marks.map(([x, y]) => [x + half, y + half] as [number, number]);
}

/**
 * Candidate registration squares near each corner (TL, TR, BL, BR), nearest first, at
 * most `perCorner` each: dark blobs of about the square's area, bounding box and fill.
 */
export function findRegistrationMarks(page: PageImage, layout: FormLayout, options: { searchRadiusMm?: number; perCorner?: number } = {}): SquareCandidate[][] {
  const pxPerMm = effectivePxPerMm(page, layout);
  const w = workingCopy(page, pxPerMm);
  return findCandidates(page, layout, pxPerMm, w, options.searchRadiusMm ?? 40, options.perCorner ?? 4);
}

function findCandidates(page: PageImage, layout: FormLayout, pxPerMm: number, w: Working, radiusMm: number, perCorner: number): SquareCandidate[][] {
  const side = (layout.registration.sizeMm * pxPerMm) / w.factor; // working pixels, at 100 %
  const squares: Array<{ x: number; y: number; side: number }> = [];
  for (const blob of darkBlobs(w)) {
    const bw = blob.maxX - blob.minX + 1;
    const bh = blob.maxY - blob.minY + 1;
    if (blob.area < 0.45 * side * side || blob.area > 1.8 * side * side) continue;
    if (bw < 0.65 * side || bw > 1.6 * side || bh < 0.65 * side || bh > 1.6 * side) continue;
    if (blob.area / (bw * bh) < 0.6) continue;
    if (bw / bh < 0.8 || bw / bh > 1.25) continue;
    const f = w.factor;
    // A square cut by the edge of the scan has a false centre.
    if (cutByEdge(page, blob, w)) continue;
    const cx = (blob.sumX / blob.area + 0.5) * f;
    const cy = (blob.sumY / blob.area + 0.5) * f;
    squares.push({ x: cx, y: cy, side: Math.sqrt(blob.area) * f });
  }
  return squareCentresMm(layout).map(([u, v]) => {
    const ex = u * pxPerMm;
    const ey = v * pxPerMm;
    return squares
      .map((s) => ({ ...s, distanceMm: Math.hypot(s.x - ex, s.y - ey) / pxPerMm }))
      .filter((s) => s.distanceMm <= radiusMm)
      .sort((p, q) => p.distanceMm - q.distanceMm)
      .slice(0, perCorner)
      .map((s) => {
        const refined = refineCentre(page, s.x, s.y, s.side, w.paper, w.ink);
        return { x: refined.x, y: refined.y, side: s.side, distanceMm: s.distanceMm };
      });
  });
}

/** Least-squares affine fit of `from` (mm) → `to` (px); exact with three points. */
export function fitAffine(from: Array<[number, number]>, to: Array<[number, number]>): AffineTransform {
  // Normal equations for [a b c] and [d e f] with rows [u v 1].
  let suu = 0, suv = 0, su = 0, svv = 0, sv = 0, n = 0;
  let sxu = 0, sxv = 0, sx = 0, syu = 0, syv = 0, sy = 0;
  for (let i = 0; i < from.length; i++) {
    const [u, v] = from[i]!;
    const [x, y] = to[i]!;
    suu += u * u; suv += u * v; su += u; svv += v * v; sv += v; n += 1;
    sxu += x * u; sxv += x * v; sx += x;
    syu += y * u; syv += y * v; sy += y;
  }
  const m = [
    [suu, suv, su],
    [suv, svv, sv],
    [su, sv, n],
  ];
  const [a, b, c] = solve3(m, [sxu, sxv, sx]);
  const [d, e, f] = solve3(m, [syu, syv, sy]);
  return { a, b, c, d, e, f };
}

function solve3(m: number[][], r: number[]): [number, number, number] {
  const det = (k: number[][]): number =>
    k[0]![0]! * (k[1]![1]! * k[2]![2]! - k[1]![2]! * k[2]![1]!) -
    k[0]![1]! * (k[1]![0]! * k[2]![2]! - k[1]![2]! * k[2]![0]!) +
    k[0]![2]! * (k[1]![0]! * k[2]![1]! - k[1]![1]! * k[2]![0]!);
  const d = det(m);
  if (Math.abs(d) < 1e-12) return [NaN, NaN, NaN];
  const column = (i: number): number[][] => m.map((row, j) => row.map((value, k) => (k === i ? r[j]! : value)));
  return [det(column(0)) / d, det(column(1)) / d, det(column(2)) / d];
}

export function applyAffine(t: AffineTransform, u: number, v: number): [number, number] {
  return [t.a * u + t.b * v + t.c, t.d * u + t.e * v + t.f];
}

interface Fit {
  transform: AffineTransform;
  residualMm: number;
  rotationDeg: number;
  scale: number;
  marks: Array<{ x: number; y: number } | null>;
  found: number;
  failure: string | undefined;
}

function evaluateFit(chosen: Array<SquareCandidate | null>, centres: Array<[number, number]>, pxPerMm: number): Fit {
  const from: Array<[number, number]> = [];
  const to: Array<[number, number]> = [];
  chosen.forEach((c, k) => {
    if (c) {
      from.push(centres[k]!);
      to.push([c.x, c.y]);
    }
  });
  const t = fitAffine(from, to);
  const det = t.a * t.e - t.b * t.d;
  const pxPerLayoutMm = Math.sqrt(Math.abs(det));
  let residual = 0;
  from.forEach(([u, v], i) => {
    const [x, y] = applyAffine(t, u, v);
    residual = Math.max(residual, Math.hypot(x - to[i]![0], y - to[i]![1]) / pxPerLayoutMm);
  });
  const rotationDeg = (Math.atan2(t.d, t.a) * 180) / Math.PI;
  const vAxisDeg = (Math.atan2(-t.b, t.e) * 180) / Math.PI;
  const sx = Math.hypot(t.a, t.d);
  const sy = Math.hypot(t.b, t.e);
  const scale = pxPerLayoutMm / pxPerMm;
  let failure: string | undefined;
  if (!Number.isFinite(det) || det <= 0) failure = 'registration squares are in the wrong order (mirrored or collinear)';
  else if (Math.abs(rotationDeg) > MAX_ROTATION_DEG) failure = `page is rotated by ${rotationDeg.toFixed(1)}°, more than ${MAX_ROTATION_DEG}°`;
  else if (scale < SCALE_RANGE[0] || scale > SCALE_RANGE[1]) failure = `registration squares imply a ${(scale * 100).toFixed(0)} % print scale`;
  else if (sx / sy < ANISOTROPY_RANGE[0] || sx / sy > ANISOTROPY_RANGE[1]) failure = `page is stretched ${(sx / sy).toFixed(2)}:1`;
  else if (Math.abs(rotationDeg - vAxisDeg) > MAX_SHEAR_DEG) failure = `page is sheared by ${Math.abs(rotationDeg - vAxisDeg).toFixed(1)}°`;
  else if (residual > MAX_RESIDUAL_MM) failure = `registration squares do not fit the layout (off by ${residual.toFixed(1)} mm)`;
  return {
    transform: t,
    residualMm: residual,
    rotationDeg,
    scale,
    marks: chosen.map((c) => (c ? { x: c.x, y: c.y } : null)),
    found: from.length,
    failure,
  };
}

/** The best consistent choice of one candidate (or none) per corner: most squares, then smallest residual. */
function chooseSquares(candidates: SquareCandidate[][], layout: FormLayout, pxPerMm: number): Fit | { problem: string } {
  const centres = squareCentresMm(layout);
  let best: Fit | undefined;
  let bestFailure: Fit | undefined;
  const choice: Array<SquareCandidate | null> = [null, null, null, null];
  const visit = (k: number): void => {
    if (k === 4) {
      const found = choice.filter((c) => c !== null).length;
      if (found < 3) return;
      const fit = evaluateFit(choice, centres, pxPerMm);
      if (fit.failure) {
        if (!bestFailure || fit.found > bestFailure.found || (fit.found === bestFailure.found && fit.residualMm < bestFailure.residualMm)) bestFailure = fit;
        return;
      }
      if (!best || fit.found > best.found || (fit.found === best.found && fit.residualMm < best.residualMm)) best = fit;
      return;
    }
    const options: Array<SquareCandidate | null> = [...candidates[k]!, null];
    for (const option of options) {
      if (option && choice.some((c, i) => i < k && c === option)) continue;
      choice[k] = option;
      visit(k + 1);
    }
    choice[k] = null;
  };
  visit(0);
  if (best) return best;
  const corners = candidates.filter((list) => list.length > 0).length;
  if (corners < 3) return { problem: `not our order form: registration squares not found (found ${corners} of 4)` };
  return { problem: `not our order form: ${bestFailure?.failure ?? 'registration squares do not fit the layout'}` };
}

/** The canonical page: each canonical pixel's centre mapped to the scan and sampled bilinearly (white outside). */
export function resample(page: PageImage, t: AffineTransform, widthMm: number, heightMm: number, pxPerMm = CANONICAL_PX_PER_MM): PageImage {
  const width = Math.round(widthMm * pxPerMm);
  const height = Math.round(heightMm * pxPerMm);
  const out = new Uint8Array(width * height);
  const src = page.data;
  const sw = page.width;
  const sh = page.height;
  const step = 1 / pxPerMm;
  const dxu = t.a * step;
  const dyu = t.d * step;
  for (let j = 0; j < height; j++) {
    const v = (j + 0.5) * step;
    const u0 = 0.5 * step;
    // Scan continuous coordinates, shifted so integer values are pixel centres.
    let x = t.a * u0 + t.b * v + t.c - 0.5;
    let y = t.d * u0 + t.e * v + t.f - 0.5;
    let o = j * width;
    for (let i = 0; i < width; i++, o++, x += dxu, y += dyu) {
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      if (x0 < 0 || y0 < 0 || x0 >= sw - 1 || y0 >= sh - 1) {
        if (x0 < -1 || y0 < -1 || x0 >= sw || y0 >= sh) {
          out[o] = 255;
          continue;
        }
        // Border: clamp to the nearest pixel.
        const cx = Math.min(sw - 1, Math.max(0, Math.round(x)));
        const cy = Math.min(sh - 1, Math.max(0, Math.round(y)));
        out[o] = src[cy * sw + cx]!;
        continue;
      }
      const fx = x - x0;
      const fy = y - y0;
      const p = y0 * sw + x0;
      const top = src[p]! + (src[p + 1]! - src[p]!) * fx;
      const bottom = src[p + sw]! + (src[p + sw + 1]! - src[p + sw]!) * fx;
      out[o] = top + (bottom - top) * fy + 0.5;
    }
  }
  return { width, height, data: out, pxPerMm };
}

/** 3×3 median (edges replicated): removes isolated dark or light pixels, keeps strokes ≥ 2 px. */
export function median3x3(image: PageImage): PageImage {
  const { width, height, data } = image;
  const out = new Uint8Array(width * height);
  const lo = new Uint8Array(width);
  const mid = new Uint8Array(width);
  const hi = new Uint8Array(width);
  for (let y = 0; y < height; y++) {
    const r0 = Math.max(0, y - 1) * width;
    const r1 = y * width;
    const r2 = Math.min(height - 1, y + 1) * width;
    // Sort each column's three values.
    for (let x = 0; x < width; x++) {
      let a = data[r0 + x]!;
      let b = data[r1 + x]!;
      let c = data[r2 + x]!;
      let s: number;
      if (a > b) { s = a; a = b; b = s; }
      if (b > c) { s = b; b = c; c = s; }
      if (a > b) { s = a; a = b; b = s; }
      lo[x] = a;
      mid[x] = b;
      hi[x] = c;
    }
    const o = y * width;
    for (let x = 0; x < width; x++) {
      const xl = x > 0 ? x - 1 : 0;
      const xr = x < width - 1 ? x + 1 : width - 1;
      // Fast path: a flat neighbourhood.
      const l0 = lo[xl]!, l1 = lo[x]!, l2 = lo[xr]!;
      const h0 = hi[xl]!, h1 = hi[x]!, h2 = hi[xr]!;
      if (l0 === h0 && l1 === h1 && l2 === h2 && l0 === l1 && l1 === l2) {
        out[o + x] = l1;
        continue;
      }
      const maxLo = l0 > l1 ? (l0 > l2 ? l0 : l2) : l1 > l2 ? l1 : l2;
      const minHi = h0 < h1 ? (h0 < h2 ? h0 : h2) : h1 < h2 ? h1 : h2;
      const m0 = mid[xl]!, m1 = mid[x]!, m2 = mid[xr]!;
      const medMid = med3(m0, m1, m2);
      out[o + x] = med3(maxLo, medMid, minHi);
    }
  }
  return { ...image, data: out };
}

function med3(a: number, b: number, c: number): number {
  if (a > b) {
    if (b > c) return b;
    return a > c ? c : a;
  }
  if (a > c) return a;
  return b > c ? c : b;
}

/** Mean darkness (0 white … 255 black) of each mark cell's central half, read off a canonical page. */
export function markDarkness(image: PageImage, layout: FormLayout): number[] {
  const { mark } = layout;
  const p = image.pxPerMm;
  const out: number[] = [];
  for (let bit = 0; bit < mark.bits; bit++) {
    const x0 = Math.round((mark.xMm + bit * mark.cellWidthMm + mark.cellWidthMm * 0.25) * p);
    const x1 = Math.round((mark.xMm + bit * mark.cellWidthMm + mark.cellWidthMm * 0.75) * p);
    const y0 = Math.round((mark.yMm + mark.cellHeightMm * 0.25) * p);
    const y1 = Math.round((mark.yMm + mark.cellHeightMm * 0.75) * p);
    let sum = 0;
    let n = 0;
    for (let y = Math.max(0, y0); y < Math.min(image.height, y1); y++) {
      for (let x = Math.max(0, x0); x < Math.min(image.width, x1); x++) {
        sum += 255 - image.data[y * image.width + x]!;
        n++;
      }
    }
    out.push(n > 0 ? sum / n : 0);
  }
  return out;
}

/** Mark bits: 1 where a cell is darker than halfway between the lightest and darkest cells. */
export function readMarkBits(image: PageImage, layout: FormLayout): number[] {
  const darkness = markDarkness(image, layout);
  const min = Math.min(...darkness);
  const max = Math.max(...darkness);
  // With no contrast between cells (all blank or all black) fall back to mid-grey.
  const threshold = max - min >= 64 ? (min + max) / 2 : 128;
  return darkness.map((d) => (d > threshold ? 1 : 0));
}

/**
 * Aligns one scanned page to `layout`: the canonical page, how the form sat on the scan
 * and its mark bits — or a problem when the page is not this form (fewer than three
 * registration squares, or squares that do not fit the layout's geometry).
 */
export function alignPage(page: PageImage, layout: FormLayout, options: AlignOptions = {}): AlignedPage | AlignProblem {
  if (page.width < 16 || page.height < 16) return { problem: 'not our order form: the page image is too small' };
  const pxPerMm = effectivePxPerMm(page, layout);
  const working = workingCopy(page, pxPerMm);
  if (working.paper - working.ink < 40) return { problem: 'not our order form: the page is blank or has no contrast' };
  const candidates = findCandidates(page, layout, pxPerMm, working, options.searchRadiusMm ?? 40, 4);
  const fit = chooseSquares(candidates, layout, pxPerMm);
  if ('problem' in fit) return fit;
  const resampled = resample(page, fit.transform, layout.page.widthMm, layout.page.heightMm);
  const image = options.despeckle === false ? resampled : median3x3(resampled);
  return {
    image,
    rotationDeg: fit.rotationDeg,
    scale: fit.scale,
    markBits: readMarkBits(image, layout),
    transform: fit.transform,
    residualMm: fit.residualMm,
    marks: fit.marks,
  };
}
