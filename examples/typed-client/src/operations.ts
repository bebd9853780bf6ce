import { graphql } from './gql';

/** A dashboard card: an organisation's name in both languages and what it is. */
export const OrganizationCard = graphql(`
  query OrganizationCard($id: ID!) {
    organization(id: $id) {
      id
      name {
        vi
        en
      }
      organizationKind
    }
  }
`);

/** A widget elsewhere on the page reads the same organisation's short name and Vietnamese name. */
export const OrganizationBadge = graphql(`
  query OrganizationBadge($id: ID!) {
    organization(id: $id) {
      id
      shortName
      name {
        vi
      }
    }
  }
`);

/** The latest changes, with the name of whatever changed: one selection of `name` for every member. */
export const RecentChanges = graphql(`
  query RecentChanges($first: Int!) {
    changes(first: $first) {
      nodes {
        type
        entityType
        entity {
          __typename
          ... on Organization {
            id
            name {
              vi
              en
            }
          }
          ... on Startup {
            id
            name {
              vi
              en
            }
            startupStatus
          }
          ... on Cohort {
            id
            name {
              vi
              en
            }
          }
          ... on InnovationHub {
            id
            name {
              vi
              en
            }
            innovationHubStatus
          }
          ... on Indicator {
            id
            name {
              vi
              en
            }
          }
        }
      }
    }
  }
`);
