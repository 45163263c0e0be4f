import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLArmorConfig } from '@escape.tech/graphql-armor-types';
import { parse, type DocumentNode, type GraphQLError, type ParseOptions, type ValidationRule } from 'graphql';
import type { OperationLimits } from '../config';
import { costLimitError, operationCost } from './operation-cost';

const SUGGESTION = /Did you mean ".+"\??/g;
const SUGGESTION_MASK = '[Suggestion hidden]';

/**
 * Depth, cost, alias and directive limits (graphql-armor's validation rules) and the token limit, built
 * once and applied identically to HTTP (ApolloServer) and WebSocket (the same rules, the same parser
 * option). Field suggestions ("Did you mean …") are hidden in production.
 *
 * Tokens are limited by graphql-js's own parser option rather than armor's Apollo plugin: that plugin
 * throws from `parsingDidStart`, which Apollo answers with a 500 instead of a 400 parse error.
 *
 * Cost is not armor's validation rule: validation sees no variables, so `first: $n` would cost one row. It is
 * checked once the operation and its variables are known (`checkCost`), on both transports.
 */
export class OperationGuard {
  /** For ApolloServer: armor's plugins (the suggestion mask in production). */
  readonly apolloPlugins: ApolloServerPlugin[];
  readonly validationRules: ValidationRule[];
  /** For ApolloServer's `parseOptions` and the WebSocket parser. */
  readonly parseOptions: ParseOptions;
  private readonly maxCost: number | null;

  constructor(
    limits: OperationLimits,
    private readonly production: boolean,
  ) {
    const enabled = limits.enabled;
    const config: GraphQLArmorConfig = {
      maxDepth: { enabled, n: limits.maxDepth },
      costLimit: { enabled: false },
      maxAliases: { enabled, n: limits.maxAliases },
      maxDirectives: { enabled, n: limits.maxDirectives },
      maxTokens: { enabled: false },
      blockFieldSuggestion: { enabled: production, mask: SUGGESTION_MASK },
    };
    const protection = new ApolloArmor(config).protect();
    this.maxCost = enabled ? limits.maxCost : null;
    const checkCost = this.checkCost.bind(this);
    this.apolloPlugins = [
      ...protection.plugins,
      {
        requestDidStart: async () => ({
          didResolveOperation: async ({ document, operationName, request }) => {
            const refusal = checkCost(document, operationName, request.variables);
            if (refusal) throw refusal;
          },
        }),
      },
    ];
    this.validationRules = protection.validationRules;
    this.parseOptions = enabled ? { maxTokens: limits.maxTokens } : {};
  }

  /** The refusal of an operation costing more than the limit with these variables, or null. */
  checkCost(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): GraphQLError | null {
    if (this.maxCost === null) return null;
    const cost = operationCost(document, operationName, variables);
    return cost > this.maxCost ? costLimitError(this.maxCost, cost) : null;
  }

  /** Parses a WebSocket operation with the same token limit as HTTP. */
  parse(source: string): DocumentNode {
    return parse(source, this.parseOptions);
  }

  /** Hides field suggestions in production, as the HTTP plugin does. */
  maskSuggestions(message: string): string {
    return this.production ? message.replace(SUGGESTION, SUGGESTION_MASK).trim() : message;
  }
}
