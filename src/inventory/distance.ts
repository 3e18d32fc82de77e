/**
 * Great-circle distance between two points on the Earth (haversine, on a sphere of the
 * Earth's mean radius): within about 0.5% of the distance on the ellipsoid, far finer
 * than the postal-code coordinates it is used with.
 */

export interface LatLon {
  /** Degrees north (negative: south). */
  lat: number;
  /** Degrees east (negative: west). */
  lon: number;
}

/** The IUGG mean Earth radius. */
export const EARTH_RADIUS_KM = 6371.0088;

const radians = (degrees: number) => (degrees * Math.PI) / 180;

export function distanceKm(from: LatLon, to: LatLon): number {
  const halfChordSquared = Math.sin(radians(to.lat - from.lat) / 2) ** 2
    + Math.cos(radians(from.lat)) * Math.cos(radians(to.lat)) * Math.sin(radians(to.lon - from.lon) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(halfChordSquared)));
}
