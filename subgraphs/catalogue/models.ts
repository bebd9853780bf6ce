import type { InferSelectModel } from 'drizzle-orm';
import type { Connection, Edge } from '../kernel/platform/pagination';
import type { dataServices, datasetAccessGrants, datasets, datasetSeries, distributions } from './db/schema';
import type { Decree47Status } from './rules/decree47';
import type { QualityRating } from './rules/quality';
import type { AccessLevel, DataTheme, FileFormat, Licence } from './vocabularies';

/** What resolvers pass around for each GraphQL type (codegen maps `X` to `XModel`). */
export type DatasetModel = InferSelectModel<typeof datasets>;
export type DistributionModel = InferSelectModel<typeof distributions>;
export type DatasetSeriesModel = InferSelectModel<typeof datasetSeries>;
export type DataServiceModel = InferSelectModel<typeof dataServices>;
export type DatasetAccessGrantModel = InferSelectModel<typeof datasetAccessGrants>;
export type DataThemeModel = DataTheme;
export type LicenceModel = Licence;
export type Decree47ComplianceModel = Decree47Status;

export interface DatasetFacetsModel {
  themes: Array<{ theme: DataTheme; count: number }>;
  publishers: Array<{ publisher: OrganizationModel; count: number }>;
  formats: Array<{ format: FileFormat; count: number }>;
  accessLevels: Array<{ accessLevel: AccessLevel; count: number }>;
  licences: Array<{ licence: Licence; count: number }>;
  overdue: Array<{ overdue: boolean; count: number }>;
  qualityRatings: Array<{ rating: QualityRating; count: number }>;
}

/** A dataset page; `facets` is lazy like `totalCount` (one SQL statement, only when selected). */
export type DatasetConnectionModel = Connection<DatasetModel> & { facets: () => Promise<DatasetFacetsModel> };
export type DatasetEdgeModel = Edge<DatasetModel>;
export type DataServiceConnectionModel = Connection<DataServiceModel>;
export type DataServiceEdgeModel = Edge<DataServiceModel>;

/** Other subgraphs' entities: only their key is known here. */
/** Another subgraph's entity: its id, and its provenance where a field @requires it. */
export type ForeignEntity = { id: string; provenance?: { synthetic?: boolean | null } | null };
export type OrganizationModel = ForeignEntity;
export type IndicatorModel = ForeignEntity;

/** Programmes' observations and revisions: their key and the dataset id they cite (`@requires`, sent by the gateway). */
export type ObservationModel = { id: string; sourceDatasetId?: string | null };
export type ObservationRevisionModel = ObservationModel;
