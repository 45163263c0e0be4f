import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionNode, type ValueNode } from 'graphql';

/** graphql-armor's cost weights: a scalar costs 1, an object 2, each nesting level 1.5×, `first`/`last` multiply. */
const SCALAR_COST = 1;
const OBJECT_COST = 2;
const DEPTH_FACTOR = 1.5;

type Variables = Readonly<Record<string, unknown>> | null | undefined;

/**
 * The cost of the operation that will run, graphql-armor's formula with the page sizes it will really use:
 * `first`/`last` given as a variable count with the variable's value, or its declared default when unset.
 * (armor's validation rule sees no variables, so `first: $n` would cost as a single row.)
 */
export function operationCost(document: DocumentNode, operationName: string | null | undefined, variables: Variables): number {
  const operation = selectOperation(document, operationName);
  if (!operation) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const defaults = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) defaults.set(definition.variable.name.value, definition.defaultValue);
  }
  const pageSize = (value: ValueNode): number => {
    if (value.kind === Kind.INT) return Number.parseInt(value.value, 10);
    if (value.kind !== Kind.VARIABLE) return 1;
    const name = value.name.value;
    const given = variables?.[name];
    if (typeof given === 'number' && Number.isFinite(given)) return given;
    if (given === undefined && defaults.has(name)) return pageSize(defaults.get(name)!);
    return 1;
  };
  const visiting = new Set<string>();
  const cost = (selection: SelectionNode): number => {
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || visiting.has(fragment.name.value)) return SCALAR_COST;
      visiting.add(fragment.name.value);
      const inner = SCALAR_COST + DEPTH_FACTOR * (OBJECT_COST + DEPTH_FACTOR * setCost(fragment.selectionSet.selections));
      visiting.delete(fragment.name.value);
      return inner;
    }
    if (selection.kind === Kind.FIELD && selection.name.value === '__schema') return 0;
    if (!selection.selectionSet) return SCALAR_COST;
    let multiplier = 1;
    const page = selection.kind === Kind.FIELD ? selection.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last') : undefined;
    if (page) multiplier = Math.max(pageSize(page.value), 1);
    return (OBJECT_COST + DEPTH_FACTOR * setCost(selection.selectionSet.selections)) * multiplier;
  };
  const setCost = (selections: readonly SelectionNode[]): number => selections.reduce((sum, child) => sum + cost(child), 0);
  return setCost(operation.selectionSet.selections);
}

function selectOperation(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
}

/** The refusal for an operation over the limit, a 400 like armor's validation errors. */
export function costLimitError(maxCost: number, cost: number): GraphQLError {
  return new GraphQLError(`Query Cost limit of ${maxCost} exceeded, found ${Math.round(cost)}.`, {
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });
}
