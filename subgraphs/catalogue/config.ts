import { readEnv } from '../kernel/platform/env';
import { REGISTRY_STEWARD_ID } from '../kernel/reference/seed-refs';

/**
 * The organisation that publishes the catalogue as a whole (`dct:publisher` of the
 * `dcat:Catalog`, mandatory in DCAT-AP): `DCAT_CATALOG_PUBLISHER_ID`, an Organization id;
 * default the programme's standing agency (Sở KH&CN Hà Nội), which keeps the shared registries.
 */
export function catalogPublisherId(): string {
  return readEnv('DCAT_CATALOG_PUBLISHER_ID') ?? REGISTRY_STEWARD_ID;
}
