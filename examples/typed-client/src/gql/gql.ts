/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query OrganizationCard($id: ID!) {\n    organization(id: $id) {\n      id\n      name {\n        vi\n        en\n      }\n      organizationKind\n    }\n  }\n": typeof types.OrganizationCardDocument,
    "\n  query OrganizationBadge($id: ID!) {\n    organization(id: $id) {\n      id\n      shortName\n      name {\n        vi\n      }\n    }\n  }\n": typeof types.OrganizationBadgeDocument,
    "\n  query RecentChanges($first: Int!) {\n    changes(first: $first) {\n      nodes {\n        type\n        entityType\n        entity {\n          __typename\n          ... on Organization {\n            id\n            name {\n              vi\n              en\n            }\n          }\n          ... on Startup {\n            id\n            name {\n              vi\n              en\n            }\n            startupStatus\n          }\n          ... on Cohort {\n            id\n            name {\n              vi\n              en\n            }\n          }\n          ... on InnovationHub {\n            id\n            name {\n              vi\n              en\n            }\n            innovationHubStatus\n          }\n          ... on Indicator {\n            id\n            name {\n              vi\n              en\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.RecentChangesDocument,
};
const documents: Documents = {
    "\n  query OrganizationCard($id: ID!) {\n    organization(id: $id) {\n      id\n      name {\n        vi\n        en\n      }\n      organizationKind\n    }\n  }\n": types.OrganizationCardDocument,
    "\n  query OrganizationBadge($id: ID!) {\n    organization(id: $id) {\n      id\n      shortName\n      name {\n        vi\n      }\n    }\n  }\n": types.OrganizationBadgeDocument,
    "\n  query RecentChanges($first: Int!) {\n    changes(first: $first) {\n      nodes {\n        type\n        entityType\n        entity {\n          __typename\n          ... on Organization {\n            id\n            name {\n              vi\n              en\n            }\n          }\n          ... on Startup {\n            id\n            name {\n              vi\n              en\n            }\n            startupStatus\n          }\n          ... on Cohort {\n            id\n            name {\n              vi\n              en\n            }\n          }\n          ... on InnovationHub {\n            id\n            name {\n              vi\n              en\n            }\n            innovationHubStatus\n          }\n          ... on Indicator {\n            id\n            name {\n              vi\n              en\n            }\n          }\n        }\n      }\n    }\n  }\n": types.RecentChangesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganizationCard($id: ID!) {\n    organization(id: $id) {\n      id\n      name {\n        vi\n        en\n      }\n      organizationKind\n    }\n  }\n"): (typeof documents)["\n  query OrganizationCard($id: ID!) {\n    organization(id: $id) {\n      id\n      name {\n        vi\n        en\n      }\n      organizationKind\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganizationBadge($id: ID!) {\n    organization(id: $id) {\n      id\n      shortName\n      name {\n        vi\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrganizationBadge($id: ID!) {\n    organization(id: $id) {\n      id\n      shortName\n      name {\n        vi\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecentChanges($first: Int!) {\n    changes(first: $first) {\n      nodes {\n        type\n        entityType\n        entity {\n          __typename\n          ... on Organization {\n            id\n            name {\n              vi\n              en\n            }\n          }\n          ... on Startup {\n            id\n            name {\n              vi\n              en\n            }\n            startupStatus\n          }\n          ... on Cohort {\n            id\n            name {\n              vi\n              en\n            }\n          }\n          ... on InnovationHub {\n            id\n            name {\n              vi\n              en\n            }\n            innovationHubStatus\n          }\n          ... on Indicator {\n            id\n            name {\n              vi\n              en\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RecentChanges($first: Int!) {\n    changes(first: $first) {\n      nodes {\n        type\n        entityType\n        entity {\n          __typename\n          ... on Organization {\n            id\n            name {\n              vi\n              en\n            }\n          }\n          ... on Startup {\n            id\n            name {\n              vi\n              en\n            }\n            startupStatus\n          }\n          ... on Cohort {\n            id\n            name {\n              vi\n              en\n            }\n          }\n          ... on InnovationHub {\n            id\n            name {\n              vi\n              en\n            }\n            innovationHubStatus\n          }\n          ... on Indicator {\n            id\n            name {\n              vi\n              en\n            }\n          }\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;