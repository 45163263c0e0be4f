import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLArmorConfig } from '@escape.tech/graphql-armor-types';
import { parse, type DocumentNode, type ParseOptions, type ValidationRule } from 'graphql';
import type { OperationLimits } from '../config';

const SUGGESTION = /Did you mean ".+"\??/g;
const SUGGESTION_MASK = '[Suggestion hidden]';

/**
 * Depth, cost, alias and directive limits (graphql-armor's validation rules) and the token limit, built
 * once and applied identically to HTTP (ApolloServer) and WebSocket (the same rules, the same parser
 * option). Field suggestions ("Did you mean …") are hidden in production.
 *
 * Tokens are limited by graphql-js's own parser option rather than armor's Apollo plugin: that plugin
 * throws from `parsingDidStart`, which Apollo answers with a 500 instead of a 400 parse error.
 */
export class OperationGuard {
  /** For ApolloServer: armor's plugins (the suggestion mask in production). */
  readonly apolloPlugins: ApolloServerPlugin[];
  readonly validationRules: ValidationRule[];
  /** For ApolloServer's `parseOptions` and the WebSocket parser. */
  readonly parseOptions: ParseOptions;

  constructor(
    limits: OperationLimits,
    private readonly production: boolean,
  ) {
    const enabled = limits.enabled;
    const config: GraphQLArmorConfig = {
      maxDepth: { enabled, n: limits.maxDepth },
      costLimit: { enabled, maxCost: limits.maxCost },
      maxAliases: { enabled, n: limits.maxAliases },
      maxDirectives: { enabled, n: limits.maxDirectives },
      maxTokens: { enabled: false },
      blockFieldSuggestion: { enabled: production, mask: SUGGESTION_MASK },
    };
    const protection = new ApolloArmor(config).protect();
    this.apolloPlugins = protection.plugins;
    this.validationRules = protection.validationRules;
    this.parseOptions = enabled ? { maxTokens: limits.maxTokens } : {};
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
