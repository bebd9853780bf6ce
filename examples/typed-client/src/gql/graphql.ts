/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Whether a hub exists yet, as of its source (tình trạng). */
export type InnovationHubStatus =
  /** No longer operating (đã đóng cửa). */
  | 'CLOSED'
  /** Open and working (đang hoạt động). */
  | 'OPERATING'
  /** Decided or proposed, not yet built (dự kiến xây dựng). */
  | 'PLANNED'
  /** Being built (đang xây dựng). */
  | 'UNDER_CONSTRUCTION';

/** What kind of body an organisation is. */
export type OrganizationKind =
  /** A department of the city (sở), e.g. Sở Khoa học và Công nghệ. */
  | 'CITY_DEPARTMENT'
  /** An enterprise (doanh nghiệp). */
  | 'ENTERPRISE'
  /** A national ministry (bộ). */
  | 'MINISTRY'
  /** Any other body, e.g. a public service centre. */
  | 'OTHER'
  /** A Communist Party body (cơ quan Đảng), e.g. Thành ủy Hà Nội or Bộ Chính trị. */
  | 'PARTY_BODY'
  /** A people's committee (Ủy ban nhân dân), e.g. UBND TP Hà Nội. */
  | 'PEOPLES_COMMITTEE'
  /** A research institute (viện nghiên cứu). */
  | 'RESEARCH_INSTITUTE'
  /** A steering committee (ban chỉ đạo). */
  | 'STEERING_COMMITTEE'
  /** A university (trường đại học). */
  | 'UNIVERSITY';

/** Whether a startup still operates on its own (tình trạng hoạt động). */
export type StartupStatus =
  /** Bought by another company (đã được mua lại). */
  | 'ACQUIRED'
  /** Operating (đang hoạt động). */
  | 'ACTIVE'
  /** Dissolved or stopped trading (đã giải thể, ngừng hoạt động). */
  | 'CLOSED';

export type OrganizationCardQueryVariables = Exact<{
  id: string | number;
}>;


export type OrganizationCardQuery = { organization: { id: string, organizationKind: OrganizationKind, name: { vi: string, en: string | null } } | null };

export type OrganizationBadgeQueryVariables = Exact<{
  id: string | number;
}>;


export type OrganizationBadgeQuery = { organization: { id: string, shortName: string | null, name: { vi: string } } | null };

export type RecentChangesQueryVariables = Exact<{
  first: number;
}>;


export type RecentChangesQuery = { changes: { nodes: Array<{ type: string, entityType: string, entity:
        | { __typename: 'Cohort', id: string, name: { vi: string, en: string | null } }
        | { __typename: 'Dataset' }
        | { __typename: 'Distribution' }
        | { __typename: 'Engagement' }
        | { __typename: 'Expert' }
        | { __typename: 'FundingRound' }
        | { __typename: 'Indicator', id: string, name: { vi: string, en: string | null } }
        | { __typename: 'InnovationHub', id: string, innovationHubStatus: InnovationHubStatus, name: { vi: string, en: string | null } }
        | { __typename: 'Membership' }
        | { __typename: 'Observation' }
        | { __typename: 'Organization', id: string, name: { vi: string, en: string | null } }
        | { __typename: 'Programme' }
        | { __typename: 'ResearchProject' }
        | { __typename: 'Startup', id: string, startupStatus: StartupStatus, name: { vi: string, en: string | null } }
        | { __typename: 'StartupProject' }
        | { __typename: 'Task' }
       | null }> } | null };


export const OrganizationCardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrganizationCard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vi"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organizationKind"}}]}}]}}]} as unknown as DocumentNode<OrganizationCardQuery, OrganizationCardQueryVariables>;
export const OrganizationBadgeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrganizationBadge"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"shortName"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vi"}}]}}]}}]}}]} as unknown as DocumentNode<OrganizationBadgeQuery, OrganizationBadgeQueryVariables>;
export const RecentChangesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RecentChanges"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}},{"kind":"Field","name":{"kind":"Name","value":"entity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Organization"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vi"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Startup"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vi"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"startupStatus"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Cohort"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vi"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InnovationHub"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vi"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"innovationHubStatus"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Indicator"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vi"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<RecentChangesQuery, RecentChangesQueryVariables>;