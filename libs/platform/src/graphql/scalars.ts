import { GraphQLJSON } from 'graphql-scalars';

/** The `JSON` scalar every subgraph uses for free-form configuration and evidence. */
export const JSONScalar = GraphQLJSON;
