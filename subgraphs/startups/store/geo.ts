import { and, between, sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * Great-circle distance in plain SQL (PGlite has no PostGIS): the haversine formula on the
 * WGS 84 mean Earth radius, with a bounding box first so an index on (latitude, longitude)
 * narrows the rows before the trigonometry runs.
 */
export const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_DEGREE = (Math.PI * EARTH_RADIUS_KM) / 180;

export interface GeoCircle {
  latitude: number;
  longitude: number;
  radiusKm: number;
}

/** Distance in km from the circle's centre to the row's point (null when the row has none). */
export function haversineKm(latitude: AnyColumn, longitude: AnyColumn, centre: GeoCircle): SQL<number> {
  const lat = centre.latitude;
  const lon = centre.longitude;
  return sql<number>`(2 * ${EARTH_RADIUS_KM}::float8 * asin(least(1::float8, sqrt(
    power(sin(radians(${latitude} - ${lat}::float8) / 2), 2)
    + cos(radians(${lat}::float8)) * cos(radians(${latitude})) * power(sin(radians(${longitude} - ${lon}::float8) / 2), 2)
  ))))`;
}

/** Rows inside the smallest latitude/longitude box around the circle (no longitude bound near the poles or the antimeridian). */
export function boundingBox(latitude: AnyColumn, longitude: AnyColumn, circle: GeoCircle): SQL | undefined {
  const latDelta = circle.radiusKm / KM_PER_DEGREE;
  const minLat = Math.max(-90, circle.latitude - latDelta);
  const maxLat = Math.min(90, circle.latitude + latDelta);
  const cosLat = Math.cos((Math.max(Math.abs(minLat), Math.abs(maxLat)) * Math.PI) / 180);
  const lonDelta = cosLat > 1e-9 ? latDelta / cosLat : 360;
  const minLon = circle.longitude - lonDelta;
  const maxLon = circle.longitude + lonDelta;
  const longitudeBound = minLon >= -180 && maxLon <= 180 ? between(longitude, minLon, maxLon) : undefined;
  return and(between(latitude, minLat, maxLat), longitudeBound);
}

/** The same distance in TypeScript (tests compare with it). */
export function haversineKmJs(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const h =
    Math.sin(rad(b.latitude - a.latitude) / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(rad(b.longitude - a.longitude) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
