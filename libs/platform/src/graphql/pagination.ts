import { Directive, Field, Int, ObjectType } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import { BadUserInputError } from '../errors/rampart-error';

/** Relay page info; every subgraph defines it identically, hence shareable. */
@ObjectType()
@Directive('@shareable')
export class PageInfo {
  @Field()
  hasNextPage!: boolean;
  @Field()
  hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true })
  startCursor!: string | null;
  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}
export interface Connection<T> {
  edges: Array<Edge<T>>;
  pageInfo: PageInfo;
  totalCount: number;
}

/** A Relay connection type for `node` named `<name>Connection` with `<name>Edge` edges. */
export function ConnectionType<T>(node: Type<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor!: string;
    @Field(() => node)
    node!: T;
  }
  @ObjectType(`${name}Connection`, { isAbstract: true })
  abstract class ConnectionClass {
    @Field(() => [EdgeType])
    edges!: Array<Edge<T>>;
    @Field(() => PageInfo)
    pageInfo!: PageInfo;
    @Field(() => Int)
    totalCount!: number;
  }
  return ConnectionClass;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** Validates `first`: 0..MAX_PAGE_SIZE, default DEFAULT_PAGE_SIZE. */
export function pageSize(first: number | null | undefined, path = 'first'): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`first must be between 0 and ${MAX_PAGE_SIZE}`, path);
  }
  return first;
}

/** Opaque keyset cursors: base64url of the sort key values of the last row. */
export function encodeCursor(key: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, arity: number, path = 'after'): Array<string | number> | null {
  if (cursor === undefined || cursor === null || cursor === '') return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === arity && key.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return key as Array<string | number>;
    }
  } catch {
    // fall through to the error below
  }
  throw new BadUserInputError('Invalid cursor', path);
}

/**
 * Turns `first + 1` fetched rows into a page: the extra row only tells whether there is a next page.
 */
export function toConnection<R, T>(
  rows: R[],
  first: number,
  totalCount: number,
  cursorOf: (row: R) => ReadonlyArray<string | number>,
  toNode: (row: R) => T,
  hasPrevious: boolean,
): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((row) => ({ cursor: encodeCursor(cursorOf(row)), node: toNode(row) }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: hasPrevious,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
